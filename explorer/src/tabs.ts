/**
 * Tabs after the WAI-ARIA pattern: one tab in the tab order, Left/Right/Home/End move between
 * tabs and show their panel.
 */
export class Tabs {
  private readonly tabs: HTMLButtonElement[];

  constructor(tablist: HTMLElement) {
    this.tabs = [...tablist.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    for (const tab of this.tabs) tab.addEventListener('click', () => this.select(tab.id));
    tablist.addEventListener('keydown', (event) => {
      const at = this.tabs.findIndex((t) => t === document.activeElement);
      if (at < 0) return;
      const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: this.tabs.length - 1 }[event.key];
      if (next === undefined) return;
      event.preventDefault();
      const tab = this.tabs[(next + this.tabs.length) % this.tabs.length]!;
      this.select(tab.id);
      tab.focus();
    });
  }

  /** Shows the panel of the tab with id `id`. */
  select(id: string): void {
    for (const tab of this.tabs) {
      const selected = tab.id === id;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      const panel = document.getElementById(tab.getAttribute('aria-controls') ?? '');
      if (panel) panel.hidden = !selected;
    }
  }
}
