import { getJson, postJson, type Page } from '../api';
import { clear, h } from '../dom';
import { describeError } from '../errors';
import { lang, t, tx } from '../i18n';
import { yuan } from '../format';
import { can, type Caller } from '../roles';
import { act, badge, clearFieldErrors, dataTable, messageLine, section, showFieldError } from '../ui';

interface Program { code: string; name: string; nameEn: string }
interface Case {
  id: string; kind: string; name: string; idNumberMasked?: string | null; creditCode?: string | null; orgCode: string;
  hardships: string[]; status: string; notes?: string | null; createdAt: string;
}
interface Application {
  id: string; programCode: string; beneficiaryName?: string | null; amountFen: number; orgCode: string; status: string;
  createdBy: string; approvalsRequired: number; approvals: { reviewer: string }[]; reason?: string | null;
}

const items = <T>(answer: T[] | Page<T>): T[] => (Array.isArray(answer) ? answer : answer.items);

export async function welfareScreen(root: HTMLElement, caller: Caller, rest: string[]) {
  if (rest[0] === 'cases' && rest[1]) return caseDetail(root, rest[1]);
  clear(root, h('p', { class: 'muted' }, t('loading')));
  let programs: Program[] = [];
  try {
    programs = await getJson<Program[] | Page<Program>>('/api/v1/welfare/programs', { size: 200 }).then(items);
  } catch (error) {
    clear(root, h('p', { class: 'error', role: 'alert' }, describeError(error)));
    return;
  }
  const programName = (code: string) => {
    const p = programs.find((x) => x.code === code);
    return p ? (lang() === 'zh' ? p.name : p.nameEn) : code;
  };
  const message = messageLine();
  const casesBox = h('div');
  const queueBox = h('div');
  const payoutBox = h('div');
  const mineBox = h('div');
  clear(
    root,
    message.element,
    can.review(caller) && section(t('applicationsQueue'), queueBox),
    can.pay(caller) && section(t('payouts'), payoutBox),
    can.seeCases(caller) && section(t('applications'), mineBox),
    can.seeCases(caller) && section(t('cases'), casesBox),
  );

  const reload = () => Promise.all([
    can.review(caller) && load(queueBox, { status: 'SUBMITTED' }, reviewActions),
    can.pay(caller) && load(payoutBox, { status: 'APPROVED' }, payActions),
    can.seeCases(caller) && load(mineBox, {}, () => []),
    can.seeCases(caller) && loadCases(),
  ]);

  async function load(box: HTMLElement, query: Record<string, string>, actions: (a: Application) => Node[]) {
    try {
      const page = await getJson<Page<Application>>('/api/v1/welfare/applications', { ...query, size: 100 });
      clear(box, dataTable<Application>(t('applications'), [
        { label: t('program'), cell: (a) => programName(a.programCode) },
        { label: t('name'), cell: (a) => a.beneficiaryName ?? '' },
        { label: t('org'), cell: (a) => a.orgCode },
        { label: t('amount'), cell: (a) => yuan(a.amountFen) },
        { label: t('status'), cell: (a) => [badge(a.status), a.approvalsRequired > 1 ? ` ${a.approvals.length}/${a.approvalsRequired}` : '',
          a.status === 'REJECTED' && a.reason ? h('span', { class: 'reason' }, `${t('reasonShown')}: ${a.reason}`) : ''] },
        ...(query.status ? [{ label: t('actions'), actions: true, cell: actions }] : []),
      ], page.items, (a) => a.id));
    } catch (error) {
      clear(box, h('p', { class: 'error', role: 'alert' }, describeError(error)));
    }
  }

  function button(label: string, action: string, a: Application, call: () => Promise<unknown>, done: string) {
    return h('button', {
      type: 'button',
      'data-action': action,
      on: {
        click: async (e: Event) => {
          if (await act(e.currentTarget as HTMLButtonElement, message, call)) {
            await reload();
            message.ok(`${a.beneficiaryName ?? ''} ${yuan(a.amountFen)}: ${done}`);
          }
        },
      },
    }, label);
  }

  function reviewActions(a: Application): Node[] {
    // a rejection needs a reason the clerk can act on: asked for here, required by the API too
    const reason = h('input', { name: 'reason', required: true, maxlength: 2000,
      'aria-label': `${t('rejectReason')} – ${a.beneficiaryName ?? ''}`, placeholder: `${t('rejectReason')} *` });
    const rejectButton = h('button', { type: 'submit', class: 'secondary', 'data-action': 'reject' }, t('reject'));
    const rejectForm = h('form', { class: 'inline', novalidate: true, on: { submit: async (e: Event) => {
      e.preventDefault();
      const text = reason.value.trim();
      clearFieldErrors(rejectForm);
      if (!text) {
        showFieldError(reason, t('reasonRequired'));
        message.error(t('reasonRequired'));
        reason.focus();
        return;
      }
      if (await act(rejectButton, message, () => postJson(`/api/v1/welfare/applications/${a.id}/reject`, { reason: text }))) {
        await reload();
        message.ok(`${a.beneficiaryName ?? ''} ${yuan(a.amountFen)}: ${t('rejectedWithReason', { reason: text })}`);
      }
    } } }, reason, rejectButton);
    return [
      button(t('approve'), 'approve', a, () => postJson(`/api/v1/welfare/applications/${a.id}/approve`), t('approved')),
      rejectForm,
    ];
  }

  function payActions(a: Application): Node[] {
    // the payout is idempotent by key: a double click or a retry after a timeout pays once
    const key = crypto.randomUUID();
    return [
      button(t('pay'), 'pay', a, () => postJson(`/api/v1/welfare/applications/${a.id}/pay`, {}, { idempotencyKey: key }), t('paid')),
    ];
  }

  async function loadCases() {
    try {
      const page = await getJson<Page<Case>>('/api/v1/welfare/cases', { size: 100 });
      clear(casesBox, dataTable<Case>(t('cases'), [
        { label: t('name'), cell: (c) => h('a', { href: `#/welfare/cases/${c.id}` }, c.name) },
        { label: t('caseKind'), cell: (c) => tx('ck_', c.kind) },
        { label: t('hardships'), cell: (c) => c.hardships.map((x) => tx('hs_', x)).join(lang() === 'zh' ? '、' : ', ') },
        { label: t('idNumber'), cell: (c) => c.idNumberMasked ?? c.creditCode ?? '' },
        { label: t('org'), cell: (c) => c.orgCode },
        { label: t('status'), cell: (c) => badge(c.status) },
      ], page.items, (c) => c.id));
    } catch (error) {
      clear(casesBox, h('p', { class: 'error', role: 'alert' }, describeError(error)));
    }
  }

  await reload();
}

async function caseDetail(root: HTMLElement, id: string) {
  clear(root, h('p', { class: 'muted' }, t('loading')));
  const back = h('p', null, h('a', { href: '#/welfare' }, `← ${t('cases')}`));
  try {
    const c = await getJson<Case>(`/api/v1/welfare/cases/${encodeURIComponent(id)}`);
    clear(root, back, section(c.name,
      h('dl', null,
        h('dt', null, t('caseKind')), h('dd', null, tx('ck_', c.kind)),
        h('dt', null, t('idNumber')), h('dd', null, c.idNumberMasked ?? c.creditCode ?? ''),
        h('dt', null, t('org')), h('dd', null, c.orgCode),
        h('dt', null, t('hardships')), h('dd', null, c.hardships.map((x) => tx('hs_', x)).join(lang() === 'zh' ? '、' : ', ')),
        h('dt', null, t('status')), h('dd', null, badge(c.status)),
      )));
  } catch (error) {
    const status = (error as { status?: number }).status;
    clear(root, back, h('p', { class: 'notice', role: 'alert', 'data-testid': 'case-error' },
      status === 404 ? t('caseNotFound') : describeError(error)));
  }
}
