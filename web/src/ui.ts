import { ProblemError } from '@gonghui/client';
import { h } from './dom';
import { describeError, fieldMessage } from './errors';
import { lang, t, tx } from './i18n';

type Cell = Node | string | number | null | undefined | false | (Node | string)[];
export interface Column<T> {
  label: string;
  cell: (row: T) => Cell;
  actions?: boolean;
}

/** A table that turns into stacked cards on a phone (each cell labelled by its column, see style.css). */
export function dataTable<T>(caption: string, columns: Column<T>[], rows: T[], rowId?: (row: T) => string) {
  if (rows.length === 0) return h('p', { class: 'muted' }, t('empty'));
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'stack' },
      h('caption', { class: 'sr-only' }, caption),
      h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col' }, c.label)))),
      h(
        'tbody',
        null,
        rows.map((row) =>
          h(
            'tr',
            { 'data-id': rowId?.(row) },
            columns.map((c) => h('td', { 'data-label': c.label, class: c.actions ? 'actions' : undefined }, c.cell(row) as never)),
          ),
        ),
      ),
    ),
  );
}

export function badge(state: string | undefined | null) {
  return h('span', { class: `badge st-${state ?? ''}` }, tx('st_', state));
}

/** A region whose text is announced to screen readers: errors in clerk words, or a success line. */
export function messageLine() {
  const line = h('p', { role: 'status', 'aria-live': 'polite', class: 'ok' });
  return {
    element: line,
    ok(text: string) {
      line.className = 'ok';
      line.textContent = text;
    },
    error(error: unknown) {
      line.className = 'error';
      line.textContent = typeof error === 'string' ? error : describeError(error);
    },
    clear() {
      line.textContent = '';
    },
  };
}

/**
 * Runs an action from a button: disabled while it runs, the outcome in the message line. A validation problem whose
 * fields belong to the button's form puts each field's message beside its field; the line then names those fields.
 */
export async function act(button: HTMLButtonElement, message: ReturnType<typeof messageLine>, run: () => Promise<unknown>) {
  const form = button.closest('form');
  button.disabled = true;
  message.clear();
  if (form) clearFieldErrors(form);
  try {
    await run();
    return true;
  } catch (error) {
    const placed = form && error instanceof ProblemError ? placeFieldErrors(form, error) : null;
    message.error(placed ?? error);
    return false;
  } finally {
    button.disabled = false;
  }
}

/** The control of a form that answers to an API field path ("nominee.idNumber", "create.request.nominee.idNumber"). */
function controlFor(form: HTMLElement, path: string): HTMLElement | null {
  const controls = [...form.querySelectorAll<HTMLElement>('input, select, textarea')];
  const key = (c: HTMLElement) => c.dataset.field ?? c.getAttribute('name') ?? '';
  return controls.find((c) => key(c) && (path === key(c) || path.endsWith(`.${key(c)}`))) ?? null;
}

/** The label a clerk sees for a control (its <label>, else its aria-label). */
function labelOf(control: HTMLElement): string {
  const label = control.id ? control.ownerDocument.querySelector(`label[for="${control.id}"]`) : null;
  return (label?.firstChild?.textContent ?? control.getAttribute('aria-label') ?? '').trim();
}

/** Shows a message beside a control (announced with it through aria-describedby) and marks it invalid. */
export function showFieldError(control: HTMLElement, text: string) {
  control.id ||= `c${Math.random().toString(36).slice(2, 8)}`;
  const id = `${control.id}-error`;
  control.ownerDocument.getElementById(id)?.remove();
  const note = h('small', { id, class: 'field-error', 'data-field-error': '' }, text);
  control.after(note);
  control.setAttribute('aria-invalid', 'true');
  const described = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== id);
  control.setAttribute('aria-describedby', [...described, id].join(' '));
}

export function clearFieldErrors(root: HTMLElement) {
  for (const note of root.querySelectorAll('[data-field-error]')) {
    const control = root.querySelector<HTMLElement>(`[aria-describedby~="${note.id}"]`);
    if (control) {
      control.removeAttribute('aria-invalid');
      const rest = (control.getAttribute('aria-describedby') ?? '').split(' ').filter((x) => x && x !== note.id);
      if (rest.length) control.setAttribute('aria-describedby', rest.join(' '));
      else control.removeAttribute('aria-describedby');
    }
    note.remove();
  }
}

/** Puts the field errors of a problem beside their fields; the sentence for the message line, or null if none fit. */
function placeFieldErrors(form: HTMLElement, error: ProblemError): string | null {
  const named: string[] = [];
  const other: string[] = [];
  for (const e of error.fieldErrors) {
    const control = controlFor(form, e.field);
    if (control) {
      showFieldError(control, fieldMessage(e.message));
      named.push(labelOf(control));
    } else {
      other.push(`${e.field}: ${fieldMessage(e.message)}`);
    }
  }
  if (named.length === 0) return null;
  // on a phone the message line is far above the form: take the clerk to the first field to correct
  form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  return `${t('fieldsMarked')} ${[...new Set(named)].join(lang() === 'zh' ? '、' : ', ')}${other.length ? `; ${other.join('; ')}` : ''}`;
}

export function section(title: string, ...content: (Node | null | false)[]) {
  const id = `s-${title.replace(/\W+/g, '-')}-${Math.random().toString(36).slice(2, 6)}`;
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...content);
}
