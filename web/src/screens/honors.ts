import { ValidationError } from '@gonghui/client';
import { getJson, postJson, type Page } from '../api';
import { clear, field, h, option } from '../dom';
import { describeError } from '../errors';
import { lang, t, tx } from '../i18n';
import { campaignStatus } from '../format';
import { can, type Caller } from '../roles';
import { act, badge, dataTable, messageLine, section } from '../ui';

interface Award { code: string; name: string; nameEn: string; recipientKind: string }
interface Campaign {
  id: string; awardCode: string; year: number; orgCode: string; quota: number;
  nominationOpens: string; nominationCloses: string; shortlistedAt?: string | null;
}
interface Nomination {
  id: string; campaignId: string; awardCode: string; status: string; scoreCount: number; meanScore?: number | null;
  nominee: { kind: string; name: string; idNumberMasked?: string; unitName: string; orgCode: string };
  noticeEndsOn?: string | null;
}

const items = <T>(answer: T[] | Page<T>): T[] => (Array.isArray(answer) ? answer : answer.items);

export async function honorsScreen(root: HTMLElement, caller: Caller, rest: string[], flash?: string) {
  clear(root, h('p', { class: 'muted' }, t('loading')));
  let awards: Award[];
  let campaigns: Campaign[];
  try {
    [awards, campaigns] = await Promise.all([
      getJson<Award[] | Page<Award>>('/api/v1/honors/awards', { size: 200 }).then(items),
      getJson<Page<Campaign>>('/api/v1/honors/campaigns', { size: 200 }).then(items),
    ]);
  } catch (error) {
    clear(root, h('p', { class: 'error', role: 'alert' }, describeError(error)));
    return;
  }
  const awardName = (code: string) => {
    const award = awards.find((a) => a.code === code);
    return award ? (lang() === 'zh' ? award.name : award.nameEn) : code;
  };
  const selectedId = rest[0] && campaigns.some((c) => c.id === rest[0]) ? rest[0] : campaigns[0]?.id;
  const message = messageLine();
  if (flash) message.ok(flash);
  const nominationsBox = h('div');

  const campaignTable = dataTable<Campaign>(
    t('campaigns'),
    [
      { label: t('award'), cell: (c) => h('a', { href: `#/honors/${c.id}`, 'aria-current': c.id === selectedId ? 'true' : undefined }, awardName(c.awardCode)) },
      { label: t('year'), cell: (c) => c.year },
      { label: t('org'), cell: (c) => c.orgCode },
      { label: t('quota'), cell: (c) => c.quota },
      { label: t('window'), cell: (c) => `${c.nominationOpens} – ${c.nominationCloses}` },
      { label: t('status'), cell: (c) => campaignStatus(c) },
      ...(can.shortlistAndConfer(caller)
        ? [{
            label: t('actions'),
            actions: true,
            cell: (c: Campaign) =>
              c.shortlistedAt
                ? null
                : h('button', {
                    type: 'button',
                    class: 'secondary',
                    'data-action': 'shortlist',
                    on: {
                      click: async (e: Event) => {
                        const ok = await act(e.currentTarget as HTMLButtonElement, message, () =>
                          postJson(`/api/v1/honors/campaigns/${c.id}/shortlist`));
                        if (ok) await honorsScreen(root, caller, [c.id], t('shortlistDone'));
                      },
                    },
                  }, t('shortlist')),
          }]
        : []),
    ],
    campaigns,
    (c) => c.id,
  );

  clear(
    root,
    message.element,
    section(t('campaigns'), campaignTable),
    can.nominate(caller) && campaigns.length > 0 ? nominationForm(campaigns, awards, awardName, selectedId, message, () => loadNominations()) : null,
    section(t('nominations'), nominationsBox),
  );

  async function loadNominations() {
    if (!selectedId) {
      clear(nominationsBox, h('p', { class: 'muted' }, t('empty')));
      return;
    }
    try {
      const page = await getJson<Page<Nomination>>('/api/v1/honors/nominations', { campaignId: selectedId, size: 200 });
      clear(nominationsBox, nominationTable(page.items));
    } catch (error) {
      clear(nominationsBox, h('p', { class: 'error', role: 'alert' }, describeError(error)));
    }
  }

  function nominationTable(list: Nomination[]) {
    return dataTable<Nomination>(
      t('nominations'),
      [
        { label: t('nominee'), cell: (n) => n.nominee.name },
        { label: t('unitName'), cell: (n) => n.nominee.unitName },
        { label: t('org'), cell: (n) => n.nominee.orgCode },
        { label: t('status'), cell: (n) => [badge(n.status), n.noticeEndsOn ? ` → ${n.noticeEndsOn}` : ''] },
        { label: t('scores'), cell: (n) => String(n.scoreCount) },
        { label: t('meanScore'), cell: (n) => (n.meanScore == null ? '–' : n.meanScore.toFixed(1)) },
        { label: t('actions'), actions: true, cell: (n) => nominationActions(n) },
      ],
      list,
      (n) => n.id,
    );
  }

  function nominationActions(n: Nomination): Node[] {
    const out: Node[] = [];
    const run = (label: string, action: string, call: () => Promise<unknown>, done: string) =>
      h('button', {
        type: 'button',
        'data-action': action,
        on: {
          click: async (e: Event) => {
            if (await act(e.currentTarget as HTMLButtonElement, message, call)) {
              message.ok(`${n.nominee.name}: ${done}`);
              await loadNominations();
            }
          },
        },
      }, label);
    if (n.status === 'DRAFT' && can.nominate(caller)) {
      out.push(run(t('submit'), 'submit', () => postJson(`/api/v1/honors/nominations/${n.id}/submit`), t('submitted')));
    }
    if (n.status === 'SUBMITTED' && can.score(caller)) {
      const score = h('input', { type: 'number', min: '0', max: '100', step: '1', inputmode: 'numeric', 'aria-label': `${t('scoreValue')} – ${n.nominee.name}`, name: 'score' });
      out.push(score, run(t('score'), 'score', () => {
        const value = Number(score.value);
        if (score.value === '' || !Number.isInteger(value) || value < 0 || value > 100) {
          return Promise.reject(new ValidationError(400, { errors: [{ field: t('scoreValue'), message: '0-100' }] }));
        }
        return postJson(`/api/v1/honors/nominations/${n.id}/scores`, { score: value });
      }, t('scored')));
    }
    if (n.status === 'PUBLIC_NOTICE' && can.shortlistAndConfer(caller)) {
      out.push(run(t('confer'), 'confer', () => postJson(`/api/v1/honors/nominations/${n.id}/confer`), t('conferred')));
    }
    return out;
  }

  await loadNominations();
}

function nominationForm(
  campaigns: Campaign[],
  awards: Award[],
  awardName: (code: string) => string,
  selectedId: string | undefined,
  message: ReturnType<typeof messageLine>,
  reload: () => Promise<void>,
) {
  const open = campaigns.filter((c) => !c.shortlistedAt);
  const campaign = h('select', { name: 'campaignId', required: true },
    open.map((c) => option(c.id, `${awardName(c.awardCode)} ${c.year} (${c.orgCode})`, c.id === selectedId)));
  const kind = h('select', { name: 'kind' }, ['INDIVIDUAL', 'COLLECTIVE', 'POST'].map((k) => option(k, tx('kind', k))));
  const syncKind = () => {
    const c = campaigns.find((x) => x.id === campaign.value);
    const award = awards.find((a) => a.code === c?.awardCode);
    if (award) kind.value = award.recipientKind;
  };
  campaign.addEventListener('change', syncKind);
  syncKind();
  // data-field: the API's name of the field, so its validation messages land beside it
  const name = h('input', { name: 'name', 'data-field': 'nominee.name', required: true, maxlength: 200 });
  const idNumber = h('input', { name: 'idNumber', 'data-field': 'nominee.idNumber', maxlength: 18, autocomplete: 'off', inputmode: 'text' });
  const unitName = h('input', { name: 'unitName', 'data-field': 'nominee.unitName', required: true, maxlength: 200 });
  const justification = h('textarea', { name: 'justification', required: true, maxlength: 5000 });
  const button = h('button', { type: 'submit' }, t('createNomination'));
  const form = h('form', {
    on: {
      submit: async (event: Event) => {
        event.preventDefault();
        const ok = await act(button, message, () =>
          postJson('/api/v1/honors/nominations', {
            campaignId: campaign.value,
            nominee: { kind: kind.value, name: name.value.trim(), idNumber: idNumber.value.trim() || undefined, unitName: unitName.value.trim() },
            justification: justification.value.trim(),
          }));
        if (ok) {
          message.ok(`${name.value}: ${t('saved')} (${t('st_DRAFT')})`);
          // reset() would put the select back to its first option (another campaign), so keep the chosen one
          const chosen = campaign.value;
          form.reset();
          campaign.value = chosen;
          syncKind();
          if (chosen !== selectedId) location.hash = `#/honors/${chosen}`;
          else await reload();
        }
      },
    },
  },
    h('div', { class: 'row' }, field(t('chooseCampaign'), campaign), field(t('nomineeKind'), kind)),
    h('div', { class: 'row' }, field(t('nominee'), name), field(t('idNumber'), idNumber), field(t('unitName'), unitName)),
    field(t('justification'), justification),
    h('p', { class: 'muted' }, t('requiredNote')),
    button,
  );
  return open.length > 0 ? section(t('newNomination'), form) : null;
}

