import { isAbort } from './api';
import { h, replace } from './dom';

/** One entry of a suggestion list. */
export interface Suggestion {
  kind: 'CONCEPT' | 'PAPER';
  id: string;
  /** What the input shows once picked. */
  label: string;
  /** A short second line: acronym, counts, year. */
  detail: string;
}

export interface ComboboxOptions {
  /** Suggestions for the text typed so far. */
  suggest(text: string, signal: AbortSignal): Promise<Suggestion[]>;
  /** Called when a suggestion is picked (Enter, click). */
  onPick(suggestion: Suggestion): void;
  /** Called when a lookup fails. */
  onError(error: unknown): void;
  /** Fewest characters to look up (default 2). */
  minLength?: number;
}

const KIND_LABEL: Readonly<Record<Suggestion['kind'], string>> = { CONCEPT: 'Concept', PAPER: 'Paper' };
let instances = 0;

/**
 * A text input with a list of suggestions, following the WAI-ARIA combobox pattern: the input
 * keeps focus, ArrowDown/ArrowUp move through the options (`aria-activedescendant`), Enter picks
 * the active option (the first when none is), Escape closes the list, then clears the input.
 * Lookups are debounced and a newer one cancels the one in flight.
 */
export class Combobox {
  private suggestions: Suggestion[] = [];
  private active = -1;
  private timer: number | undefined;
  private inflight: AbortController | null = null;
  private readonly prefix: string;
  /** The suggestion the input holds, until the text is edited. */
  picked: Suggestion | null = null;

  constructor(
    readonly input: HTMLInputElement,
    private readonly list: HTMLUListElement,
    private readonly announcer: HTMLElement,
    private readonly options: ComboboxOptions,
  ) {
    this.prefix = `${list.id || `combobox-${++instances}`}-option`;
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', list.id);
    input.autocomplete = 'off';
    list.setAttribute('role', 'listbox');
    input.addEventListener('input', () => this.onInput());
    input.addEventListener('keydown', (event) => this.onKey(event));
    input.addEventListener('blur', () => window.setTimeout(() => this.close(), 150));
    input.addEventListener('focus', () => {
      if (this.suggestions.length > 0 && !this.picked) this.open();
    });
    // Note: mousedown, not click, and no focus change: the input must not blur first.
    list.addEventListener('mousedown', (event) => {
      const option = (event.target as Element).closest<HTMLElement>('[role="option"]');
      if (!option) return;
      event.preventDefault();
      this.pick(Number(option.dataset.index));
    });
  }

  /** Shows `suggestion` in the input as picked, without calling `onPick`. */
  set(suggestion: Suggestion | null): void {
    this.picked = suggestion;
    this.input.value = suggestion?.label ?? '';
    this.close();
  }

  private onInput(): void {
    this.picked = null;
    window.clearTimeout(this.timer);
    const text = this.input.value.trim();
    if (text.length < (this.options.minLength ?? 2)) {
      this.inflight?.abort();
      this.render([]);
      return;
    }
    this.timer = window.setTimeout(() => void this.lookUp(text), 150);
  }

  private async lookUp(text: string): Promise<void> {
    this.inflight?.abort();
    const controller = new AbortController();
    this.inflight = controller;
    this.input.setAttribute('aria-busy', 'true');
    try {
      const found = await this.options.suggest(text, controller.signal);
      if (controller.signal.aborted || this.input.value.trim() !== text) return;
      this.render(found);
      this.announcer.textContent = found.length === 0 ? `No matches for ${text}` : `${found.length} suggestions; use the arrow keys, Enter to pick`;
    } catch (error) {
      if (!isAbort(error)) this.options.onError(error);
    } finally {
      if (this.inflight === controller) {
        this.inflight = null;
        this.input.removeAttribute('aria-busy');
      }
    }
  }

  private render(suggestions: Suggestion[]): void {
    this.suggestions = suggestions;
    this.active = -1;
    this.input.removeAttribute('aria-activedescendant');
    replace(
      this.list,
      suggestions.map((s, i) =>
        h(
          'li',
          { id: `${this.prefix}-${i}`, role: 'option', 'aria-selected': 'false', 'data-index': i, 'data-kind': s.kind, class: 'option' },
          h('span', { class: `badge badge-${s.kind.toLowerCase()}` }, KIND_LABEL[s.kind]),
          h('span', { class: 'visually-hidden' }, ': '),
          h('span', { class: 'option-label' }, s.label),
          s.detail ? [h('span', { class: 'visually-hidden' }, ', '), h('span', { class: 'option-detail' }, s.detail)] : null,
        ),
      ),
    );
    if (suggestions.length > 0) this.open();
    else this.close();
  }

  private onKey(event: KeyboardEvent): void {
    const count = this.suggestions.length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (count === 0) return;
        event.preventDefault();
        if (this.list.hidden) {
          this.open();
          this.move(event.key === 'ArrowDown' ? 0 : count - 1);
        } else {
          const step = event.key === 'ArrowDown' ? 1 : -1;
          this.move(this.active < 0 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count);
        }
        return;
      }
      case 'Enter':
        if (this.list.hidden || count === 0) return;
        event.preventDefault();
        this.pick(Math.max(this.active, 0));
        return;
      case 'Escape':
        if (!this.list.hidden) {
          event.preventDefault();
          this.close();
        } else if (this.input.value !== '') {
          event.preventDefault();
          this.input.value = '';
          this.picked = null;
          this.render([]);
        }
        return;
      case 'Tab':
        this.close();
        return;
    }
  }

  private move(index: number): void {
    const options = this.list.querySelectorAll<HTMLElement>('[role="option"]');
    options[this.active]?.setAttribute('aria-selected', 'false');
    this.active = index;
    const option = options[index];
    if (!option) return;
    option.setAttribute('aria-selected', 'true');
    option.scrollIntoView({ block: 'nearest' });
    this.input.setAttribute('aria-activedescendant', option.id);
  }

  private pick(index: number): void {
    const suggestion = this.suggestions[index];
    if (!suggestion) return;
    this.set(suggestion);
    this.options.onPick(suggestion);
  }

  private open(): void {
    this.list.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
  }

  private close(): void {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    if (this.active >= 0) {
      this.list.querySelectorAll('[aria-selected="true"]').forEach((o) => o.setAttribute('aria-selected', 'false'));
      this.active = -1;
    }
  }
}
