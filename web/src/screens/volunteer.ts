import { deleteJson, getJson, postJson, type Page } from '../api';
import { clear, field, h, option } from '../dom';
import { describeError } from '../errors';
import { t, tx } from '../i18n';
import { dateTime, monthGrid, shanghaiDate } from '../format';
import { can, type Caller } from '../roles';
import { act, badge, dataTable, messageLine, section } from '../ui';

interface Named { id: string; name: string }
interface Signup { id: string; activityId: string; volunteerId: string; status: string; waitlistPosition?: number | null }
interface Activity {
  id: string; title: string; kind: string; communityId: string; teamId?: string | null; startsAt: string; endsAt: string;
  capacity: number; status: string; confirmed: number; waitlisted: number; signups?: Signup[] | null;
}
interface PlannedVisit { week: number; date: string; teamName: string; communityName: string; startsAt: string; activityId?: string | null }
interface RotationPlan { dryRun: boolean; visits: PlannedVisit[] }
interface OwnSignup { signup: Signup; title: string; startsAt: string; activityStatus: string }

const WEEKDAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];

export async function volunteerScreen(root: HTMLElement, caller: Caller, rest: string[]) {
  const message = messageLine();
  clear(root, message.element);
  if (can.coordinate(caller)) await coordinatorView(root, message, rest[0]);
  if (can.volunteerSelf(caller)) await volunteerView(root, caller, message);
}

async function coordinatorView(root: HTMLElement, message: ReturnType<typeof messageLine>, activityId?: string) {
  let teams: Named[] = [];
  let communities: Named[] = [];
  let volunteers: Named[] = [];
  try {
    [teams, communities, volunteers] = await Promise.all([
      getJson<Page<Named>>('/api/v1/volunteer/teams', { size: 200 }).then((p) => p.items),
      getJson<Page<Named>>('/api/v1/volunteer/communities', { size: 200 }).then((p) => p.items),
      getJson<Page<Named>>('/api/v1/volunteer/volunteers', { size: 200 }).then((p) => p.items),
    ]);
  } catch (error) {
    root.append(h('p', { class: 'error', role: 'alert' }, describeError(error)));
    return;
  }
  const nameOf = (list: Named[], id?: string | null) => list.find((x) => x.id === id)?.name ?? '';

  // this month's calendar (Asia/Shanghai); reloaded after a rotation is saved
  const calendarBox = h('div');
  const detailBox = h('div', { id: 'activity-detail' });
  root.append(section(t('calendar'), calendarBox), detailBox);
  await loadCalendar(calendarBox);

  if (activityId) {
    try {
      const a = await getJson<Activity>(`/api/v1/volunteer/activities/${encodeURIComponent(activityId)}`);
      clear(detailBox, section(`${t('signups')}: ${a.title}`,
        h('p', null, `${dateTime(a.startsAt)} · ${nameOf(communities, a.communityId)} · ${nameOf(teams, a.teamId)} · ${t('capacity')} ${a.capacity}`),
        dataTable<Signup>(t('signups'), [
          { label: t('name'), cell: (s) => nameOf(volunteers, s.volunteerId) || s.volunteerId },
          { label: t('status'), cell: (s) => [badge(s.status), s.waitlistPosition ? ` ${t('waitlistPosition', { n: s.waitlistPosition })}` : ''] },
        ], a.signups ?? [])));
      detailBox.querySelector('h2')?.setAttribute('tabindex', '-1');
      (detailBox.querySelector('h2') as HTMLElement | null)?.focus();
    } catch (error) {
      clear(detailBox, h('p', { class: 'error', role: 'alert' }, describeError(error)));
    }
  }

  root.append(rotationPlanner(teams, communities, message, () => loadCalendar(calendarBox)));
}

async function loadCalendar(calendarBox: HTMLElement) {
  const today = shanghaiDate(new Date());
  const [year, month] = today.split('-').map(Number);
  const grid = monthGrid(year, month);
  const from = `${grid[0][0]}T00:00:00+08:00`;
  const to = `${grid[grid.length - 1][6]}T23:59:59+08:00`;
  try {
    const activities = (await getJson<Page<Activity>>('/api/v1/volunteer/activities', { from, to, size: 200 })).items;
    const byDay = new Map<string, Activity[]>();
    for (const a of activities) {
      const day = shanghaiDate(new Date(a.startsAt));
      byDay.set(day, [...(byDay.get(day) ?? []), a]);
    }
    const monthPrefix = today.slice(0, 7);
    // ARIA grid: every cell sits in a row (the rows use display: contents, so the CSS grid still lays out the cells)
    clear(calendarBox, h('div', { class: 'calendar', role: 'grid', 'aria-label': t('calendar') },
      h('div', { role: 'row', class: 'week' },
        WEEKDAYS.map((d) => h('div', { class: 'head', role: 'columnheader' }, tx('wd_', d).replace('星期', '')))),
      grid.map((week) => h('div', { role: 'row', class: 'week' },
        week.map((day) => h('div', { class: `day${day.startsWith(monthPrefix) ? '' : ' other'}`, role: 'gridcell' },
          h('span', { class: 'num' }, String(Number(day.slice(8)))),
          (byDay.get(day) ?? []).map((a) => h('a', { class: 'event', href: `#/volunteer/${a.id}`, title: a.title },
            `${dateTime(a.startsAt).slice(-5)} ${a.title} (${a.confirmed}/${a.capacity}${a.waitlisted ? ` +${a.waitlisted}` : ''})`)))))),
    ));
  } catch (error) {
    clear(calendarBox, h('p', { class: 'error', role: 'alert' }, describeError(error)));
  }
}

function rotationPlanner(teams: Named[], communities: Named[], message: ReturnType<typeof messageLine>, saved: () => Promise<void>) {
  const checkboxes = (legend: string, name: string, list: Named[]) =>
    h('fieldset', null, h('legend', null, legend),
      list.length === 0 ? h('p', { class: 'muted' }, t('empty')) : null,
      list.map((x) => h('label', null, h('input', { type: 'checkbox', name, value: x.id }), x.name)));
  const teamSet = checkboxes(t('teams'), 'teamIds', teams);
  const communitySet = checkboxes(t('communities'), 'communityIds', communities);
  const nextMonday = (() => {
    const d = new Date(`${shanghaiDate(new Date())}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7 || 7));
    return d.toISOString().slice(0, 10);
  })();
  const firstWeek = h('input', { type: 'date', name: 'firstWeek', required: true, value: nextMonday });
  const weeks = h('input', { type: 'number', name: 'weeks', min: '1', max: '104', required: true, value: '4' });
  const weekday = h('select', { name: 'weekday' }, WEEKDAYS.map((d) => option(d, tx('wd_', d), d === 'SATURDAY')));
  const startTime = h('input', { type: 'time', name: 'startTime', required: true, value: '09:00' });
  const duration = h('input', { type: 'number', name: 'durationMinutes', min: '15', max: '1439', required: true, value: '120' });
  const capacity = h('input', { type: 'number', name: 'capacity', min: '1', required: true, value: '10' });
  const title = h('input', { name: 'title', maxlength: 150 });
  const previewButton = h('button', { type: 'submit', class: 'secondary' }, t('preview'));
  const saveButton = h('button', { type: 'button', disabled: true, 'data-action': 'save-plan' }, t('savePlan'));
  const previewBox = h('div', { 'aria-live': 'polite' });

  const request = () => ({
    teamIds: [...teamSet.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value),
    communityIds: [...communitySet.querySelectorAll<HTMLInputElement>('input:checked')].map((i) => i.value),
    firstWeek: firstWeek.value,
    weeks: Number(weeks.value),
    weekday: weekday.value,
    startTime: startTime.value,
    durationMinutes: Number(duration.value),
    capacity: Number(capacity.value),
    blackouts: [],
    title: title.value.trim() || undefined,
  });
  let previewed: string | null = null;

  const form = h('form', {
    on: {
      // any change after a preview needs a new preview before saving
      input: () => {
        if (previewed !== null && JSON.stringify(request()) !== previewed) {
          saveButton.disabled = true;
          previewed = null;
        }
      },
      submit: async (event: Event) => {
        event.preventDefault();
        const body = request();
        await act(previewButton, message, async () => {
          const plan = await postJson<RotationPlan>('/api/v1/volunteer/rotations', body, { query: { dryRun: true } });
          previewed = JSON.stringify(body);
          saveButton.disabled = false;
          clear(previewBox, h('h3', null, t('previewTitle')), visitTable(plan.visits));
        });
      },
    },
  },
    h('div', { class: 'row' }, teamSet, communitySet),
    h('div', { class: 'row' }, field(t('firstWeek'), firstWeek), field(t('weeks'), weeks), field(t('weekday'), weekday)),
    h('div', { class: 'row' }, field(t('startTime'), startTime), field(t('duration'), duration), field(t('capacity'), capacity), field(t('activity'), title)),
    h('div', { class: 'row' }, previewButton, saveButton),
    previewBox,
  );
  saveButton.addEventListener('click', async () => {
    const body = request();
    let plan: RotationPlan | null = null;
    await act(saveButton, message, async () => {
      plan = await postJson<RotationPlan>('/api/v1/volunteer/rotations', body, { query: { dryRun: false } });
    });
    if (!plan) return;
    const visits = (plan as RotationPlan).visits;
    // saved once: saving again would book the same teams twice, so a new preview is needed first
    saveButton.disabled = true;
    previewed = null;
    clear(previewBox, h('h3', null, t('planSaved', { n: visits.length })), visitTable(visits));
    message.ok(t('planSaved', { n: visits.length }));
    await saved();
  });
  return section(t('rotation'), form);
}

function visitTable(visits: PlannedVisit[]) {
  return dataTable<PlannedVisit>(t('rotation'), [
    { label: t('week'), cell: (v) => v.week + 1 }, // the planner counts weeks from 0
    { label: t('date'), cell: (v) => v.date },
    { label: t('startTime'), cell: (v) => dateTime(v.startsAt).slice(-5) },
    { label: t('team'), cell: (v) => v.teamName },
    { label: t('community'), cell: (v) => v.communityName },
  ], visits);
}

async function volunteerView(root: HTMLElement, caller: Caller, message: ReturnType<typeof messageLine>) {
  // own sign-ups first: on a phone the open list is long, and what a volunteer already joined matters most
  const mineBox = h('div');
  const openBox = h('div');
  root.append(section(t('mySignups'), mineBox), section(t('openActivities'), openBox));
  const load = async () => {
    try {
      const [open, mine] = await Promise.all([
        getJson<Page<Activity>>('/api/v1/volunteer/activities/open', { size: 50 }).then((p) => p.items),
        getJson<Page<OwnSignup> | OwnSignup[]>(`/api/v1/volunteer/volunteers/${caller.volunteerId}/signups`, { size: 50 })
          .then((p) => (Array.isArray(p) ? p : p.items)),
      ]);
      const active = mine.filter((s) => ACTIVE.includes(s.signup.status));
      const joined = new Set(active.map((s) => s.signup.activityId));
      clear(mineBox, dataTable<OwnSignup>(t('mySignups'), [
        { label: t('activity'), cell: (s) => s.title },
        { label: t('date'), cell: (s) => dateTime(s.startsAt) },
        { label: t('status'), cell: (s) => [badge(s.signup.status), s.signup.waitlistPosition ? ` ${t('waitlistPosition', { n: s.signup.waitlistPosition })}` : ''] },
        { label: t('actions'), actions: true, cell: (s) => ACTIVE.includes(s.signup.status) && s.activityStatus !== 'COMPLETED'
          ? h('button', { type: 'button', class: 'secondary', 'data-action': 'cancel-signup', 'aria-label': `${t('cancelSignup')} – ${s.title}`, on: { click: async (e: Event) => {
            if (await act(e.currentTarget as HTMLButtonElement, message, () =>
              deleteJson(`/api/v1/volunteer/activities/${s.signup.activityId}/signups/${s.signup.id}`))) {
              await load();
              message.ok(`${s.title}: ${t('signupCancelled')}`);
            }
          } } }, t('cancelSignup'))
          : null },
      ], mine, (s) => s.signup.id));
      clear(openBox, dataTable<Activity>(t('openActivities'), [
        { label: t('activity'), cell: (a) => a.title },
        { label: t('date'), cell: (a) => dateTime(a.startsAt) },
        { label: t('capacity'), cell: (a) => `${a.confirmed}/${a.capacity}${a.waitlisted ? ` +${a.waitlisted}` : ''}` },
        { label: t('actions'), actions: true, cell: (a) => joined.has(a.id)
          ? h('span', { class: 'badge st-CONFIRMED' }, t('alreadyJoined'))
          : h('button', {
            type: 'button',
            'aria-label': `${t('signUp')} – ${a.title}`,
            on: { click: async (e: Event) => {
              let signup: Signup | null = null;
              if (await act(e.currentTarget as HTMLButtonElement, message, async () => {
                signup = await postJson<Signup>(`/api/v1/volunteer/activities/${a.id}/signups`, { volunteerId: caller.volunteerId });
              })) {
                await load();
                const s = signup as Signup | null;
                message.ok(`${a.title}: ${s?.status === 'WAITLISTED' ? t('waitlistedAt', { n: s.waitlistPosition ?? '' }) : t('signedUp')}`);
              }
            } },
          }, t('signUp')) },
      ], open, (a) => a.id));
    } catch (error) {
      clear(openBox, h('p', { class: 'error', role: 'alert' }, describeError(error)));
    }
  };
  await load();
}

const ACTIVE = ['CONFIRMED', 'WAITLISTED'];
