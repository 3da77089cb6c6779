import { h } from './dom';
import { describeError } from './errors';
import { t, tx } from './i18n';

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
      line.textContent = describeError(error);
    },
    clear() {
      line.textContent = '';
    },
  };
}

/** Runs an action from a button: disabled while it runs, the outcome in the message line. */
export async function act(button: HTMLButtonElement, message: ReturnType<typeof messageLine>, run: () => Promise<unknown>) {
  button.disabled = true;
  message.clear();
  try {
    await run();
    return true;
  } catch (error) {
    message.error(error);
    return false;
  } finally {
    button.disabled = false;
  }
}

export function section(title: string, ...content: (Node | null | false)[]) {
  const id = `s-${title.replace(/\W+/g, '-')}-${Math.random().toString(36).slice(2, 6)}`;
  return h('section', { class: 'card', 'aria-labelledby': id }, h('h2', { id }, title), ...content);
}
