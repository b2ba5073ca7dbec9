type Child = Node | string | number | null | undefined | false;
type AttrValue = string | number | boolean | null | undefined;

/**
 * Creates an element with attributes and children. Text is always set as text, never parsed
 * as HTML, so titles and abstracts from the API cannot inject markup. A `false`, `null` or
 * `undefined` attribute is left out; a name starting with `--` sets that CSS custom property
 * (through the CSSOM, which the page's content security policy allows, unlike style attributes).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, AttrValue> = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('--')) {
      el.style.setProperty(name, String(value));
      continue;
    }
    el.setAttribute(name, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el: Element, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces all of `el`'s children. */
export function replace(el: Element, ...children: (Child | Child[])[]): void {
  el.replaceChildren();
  append(el, children);
}

/** An element that must be in the page. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
}

/** `url` when it is an http(s) URL, else null: links from the data never run script. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A link that opens outside the explorer, or plain text when the URL is not http(s). */
export function externalLink(url: string, text: string): HTMLElement {
  const href = safeHref(url);
  if (!href) return h('span', {}, text);
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, text);
}

/** "1 paper", "3 papers". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * The secondary text of a list item, after a ", " that only screen readers get, so the
 * item's accessible name does not run its parts together.
 */
export function detail(text: string): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(h('span', { class: 'visually-hidden' }, ', '), h('span', { class: 'item-detail' }, text));
  return fragment;
}
