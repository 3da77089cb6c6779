import { h, s } from './dom';
import { t } from './i18n';

export interface Bar {
  label: string;
  value: number;
  /** what is printed beside the bar (default: the value) */
  shown?: string;
}

/**
 * A horizontal bar chart in SVG (no chart library, no inline styles: the CSP allows none). The same figures follow as
 * a table for screen readers and for copying.
 */
export function barChart(title: string, bars: Bar[]): HTMLElement {
  const id = `chart-${title.replace(/\W+/g, '-')}-${Math.random().toString(36).slice(2, 7)}`;
  if (bars.length === 0) {
    return h('figure', { class: 'chart' }, h('figcaption', { id }, title), h('p', { class: 'muted' }, t('empty')));
  }
  const rowHeight = 26;
  const labelWidth = 150;
  const width = 560;
  const max = Math.max(...bars.map((b) => b.value), 1);
  const height = bars.length * rowHeight + 4;
  const svg = s(
    'svg',
    { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': id, class: 'bars' },
    bars.map((bar, i) => {
      const y = i * rowHeight + 2;
      const length = Math.round(((width - labelWidth - 90) * bar.value) / max);
      return s(
        'g',
        {},
        s('text', { x: labelWidth - 6, y: y + 16, 'text-anchor': 'end', class: 'bar-label' }, truncate(bar.label, 14)),
        s('rect', { x: labelWidth, y: y + 3, width: Math.max(length, bar.value > 0 ? 2 : 0), height: 18, class: 'bar', rx: 2 }),
        s('text', { x: labelWidth + length + 6, y: y + 16, class: 'bar-value' }, bar.shown ?? String(bar.value)),
      );
    }),
  );
  const table = h(
    'table',
    { class: 'sr-only' },
    h('caption', null, title),
    h('tbody', null, bars.map((b) => h('tr', null, h('th', { scope: 'row' }, b.label), h('td', null, b.shown ?? String(b.value))))),
  );
  return h('figure', { class: 'chart' }, h('figcaption', { id }, title), svg, table);
}

function truncate(text: string, max: number) {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
