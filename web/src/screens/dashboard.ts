import { gonghui, getJson, type Page } from '../api';
import { barChart } from '../charts';
import { clear, field, h, option } from '../dom';
import { describeError } from '../errors';
import { lang, t } from '../i18n';
import { minutesByWeek, shanghaiDate, yuan } from '../format';
import { can, type Caller } from '../roles';
import { act, messageLine, section } from '../ui';
import { aidByProgram } from '../report';

interface Report {
  year: number;
  orgCode: string;
  partial: boolean;
  honors: { byAward: Record<string, number> } | null;
  welfare: Record<string, unknown> | null;
  volunteer: { activities: number; teams: number; volunteerHours: number } | null;
}
interface Named { code: string; name: string; nameEn: string }
interface Activity { id: string; startsAt: string; hours?: { minutes: number }[] | null }

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function dashboardScreen(root: HTMLElement, caller: Caller, rest: string[]) {
  if (!can.seeDashboard(caller)) {
    clear(root, h('p', { class: 'notice' }, t('noAccess')));
    return;
  }
  const thisYear = Number(shanghaiDate(new Date()).slice(0, 4));
  const year = Number(rest[0]) || thisYear;
  const yearSelect = h('select', { name: 'year' },
    Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => option(String(y), String(y), y === year)));
  yearSelect.addEventListener('change', () => (location.hash = `#/dashboard/${yearSelect.value}`));
  const message = messageLine();
  if (!can.seeReport(caller)) {
    // a coordinator: no annual report (the API does not give it to them), only the weekly hours of their activities
    const weekly = h('div', null, h('p', { class: 'muted' }, t('loading')));
    clear(root, section(`${t('weeklyHoursYear')} · ${caller.org}`,
      h('div', { class: 'row' }, field(t('year'), yearSelect)), weekly));
    clear(weekly, h('div', { class: 'charts' }, await hoursByWeekChart(year)));
    return;
  }
  const download = h('button', { type: 'button', class: 'secondary', 'data-action': 'xlsx' }, t('downloadXlsx'));
  download.addEventListener('click', () =>
    act(download, message, async () => {
      const blob = await gonghui.download(`/api/v1/reports/annual/${year}`, XLSX);
      const link = h('a', { href: URL.createObjectURL(blob), download: `gonghui-report-${caller.org}-${year}.xlsx` });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    }));
  const body = h('div', null, h('p', { class: 'muted' }, t('loading')));
  clear(root, section(`${t('annualReport')} · ${caller.org}`,
    h('div', { class: 'row' }, field(t('year'), yearSelect), download), message.element, body));

  try {
    const [report, awards, programs] = await Promise.all([
      getJson<Report>(`/api/v1/reports/annual/${year}`),
      getJson<Named[]>('/api/v1/honors/awards').catch(() => [] as Named[]),
      getJson<Named[]>('/api/v1/welfare/programs').catch(() => [] as Named[]),
    ]);
    const label = (list: Named[], code: string) => {
      const x = list.find((i) => i.code === code);
      return x ? (lang() === 'zh' ? x.name : x.nameEn) : code;
    };
    const honors = Object.entries(report.honors?.byAward ?? {}).map(([code, count]) => ({ label: label(awards, code), value: count }));
    const aid = aidByProgram(report.welfare).map(([code, fen]) => ({ label: label(programs, code), value: fen, shown: yuan(fen) }));
    clear(body,
      report.partial ? h('p', { class: 'notice', role: 'status' }, t('reportPartial')) : null,
      report.volunteer ? h('p', null, t('volunteerSummary', {
        activities: report.volunteer.activities, teams: report.volunteer.teams, hours: report.volunteer.volunteerHours,
      })) : null,
      h('div', { class: 'charts' }, barChart(t('honorsByAward'), honors), barChart(t('aidByProgram'), aid),
        // the weekly figures come from activity lists, which the volunteer API gives to coordinators only
        can.seeWeeklyHours(caller) ? await hoursByWeekChart(year) : null));
  } catch (error) {
    clear(body, h('p', { class: 'error', role: 'alert' }, describeError(error)));
  }
}

/**
 * Volunteer hours by week, from the credited minutes of the year's completed activities (the annual report has only
 * the year's total). Activity lists are for coordinators.
 */
async function hoursByWeekChart(year: number): Promise<HTMLElement> {
  try {
    const page = await getJson<Page<Activity>>('/api/v1/volunteer/activities', {
      status: 'COMPLETED', from: `${year}-01-01T00:00:00+08:00`, to: `${year + 1}-01-01T00:00:00+08:00`, size: 200,
    });
    const details: Activity[] = [];
    for (let i = 0; i < page.items.length; i += 8) {
      details.push(...(await Promise.all(page.items.slice(i, i + 8).map((a) => getJson<Activity>(`/api/v1/volunteer/activities/${a.id}`)))));
    }
    const entries = details.map((a) => ({ startsAt: a.startsAt, minutes: (a.hours ?? []).reduce((sum, c) => sum + c.minutes, 0) }));
    const bars = minutesByWeek(entries).map(([week, minutes]) => ({ label: week, value: minutes, shown: (minutes / 60).toFixed(1) }));
    return barChart(t('hoursByWeek'), bars);
  } catch (error) {
    return h('p', { class: 'error chart' }, describeError(error));
  }
}
