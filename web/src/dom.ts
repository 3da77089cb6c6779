/** A small hyperscript helper: enough DOM building for a console without a framework. */
type Child = Node | string | number | null | undefined | false | Child[];
type Props = Record<string, unknown> & { class?: string; on?: Record<string, (event: Event) => void> };

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props?: Props | null, ...children: Child[]) {
  const element = document.createElement(tag);
  applyProps(element, props);
  append(element, children);
  return element;
}

const SVG = 'http://www.w3.org/2000/svg';
export function s(tag: string, attrs: Record<string, string | number> = {}, ...children: Child[]): SVGElement {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  append(element, children);
  return element;
}

function applyProps(element: HTMLElement, props?: Props | null) {
  if (!props) return;
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'on') {
      for (const [event, handler] of Object.entries(value as Record<string, EventListener>)) {
        element.addEventListener(event, handler);
      }
    } else if (name === 'class') {
      element.className = String(value);
    } else if (name in element && typeof value !== 'string') {
      (element as unknown as Record<string, unknown>)[name] = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
}

export function append(parent: Node, children: Child[]) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

export function clear(element: Element, ...children: Child[]) {
  element.replaceChildren();
  append(element, children);
}

let idCounter = 0;
/** A labelled form field: the label's `for` always points at the control (screen readers, click-to-focus). */
export function field(label: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string) {
  control.id ||= `f${++idCounter}`;
  let hintEl: HTMLElement | null = null;
  if (hint) {
    hintEl = h('small', { id: `${control.id}-hint`, class: 'hint' }, hint);
    control.setAttribute('aria-describedby', hintEl.id);
  }
  // required fields carry `required` (announced by screen readers) and a visible star explained once per form
  const star = control.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null;
  return h('div', { class: 'field' }, h('label', { for: control.id }, label, star), control, hintEl);
}

export function option(value: string, label: string, selected = false) {
  return h('option', { value, selected }, label);
}
