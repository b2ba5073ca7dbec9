import { ApiError, graphql, isAbort } from './api';
import { communityColor } from './colors';
import { Combobox, type Suggestion } from './combobox';
import { renderConcept } from './concept-panel';
import { byId, h, plural, replace } from './dom';
import { GraphView } from './graph-view';
import { renderPaper } from './paper-panel';
import { renderPaths } from './path-panel';
import {
  NEIGHBOURHOOD,
  PAPER,
  PAPER_COUNTS,
  PATHS,
  SEARCH,
  START,
  type ConceptDetail,
  type GraphNode,
  type NeighbourhoodResult,
  type NeighbourhoodVariables,
  type NodeKind,
  type PaperCountsResult,
  type PaperResult,
  type PaperRef,
  type PathsResult,
  type SearchResult,
  type StartResult,
} from './queries';
import { Tabs } from './tabs';

const el = {
  graph: byId('graph'),
  tooltip: byId('tooltip'),
  welcome: byId('welcome'),
  startList: byId<HTMLUListElement>('start-list'),
  status: byId('status'),
  legend: byId<HTMLUListElement>('legend'),
  error: byId('error'),
  conceptPanel: byId('concept-panel'),
  paperPanel: byId('paper-panel'),
  pathForm: byId<HTMLFormElement>('path-form'),
  pathResult: byId('path-result'),
  maxHops: byId<HTMLSelectElement>('max-hops'),
  depth: byId<HTMLSelectElement>('depth'),
  minWeight: byId<HTMLInputElement>('min-weight'),
  minWeightValue: byId<HTMLOutputElement>('min-weight-value'),
  limit: byId<HTMLSelectElement>('limit'),
  showPapers: byId<HTMLInputElement>('show-papers'),
  showCode: byId<HTMLInputElement>('show-code'),
};

/** What is on screen; the URL's hash (`#concept=ID&paper=ID`) mirrors it so views can be shared. */
const state = {
  centre: null as ConceptDetail | null,
  /** The concept and controls the graph was last drawn for; null after a path replaced it. */
  drawn: null as string | null,
  paper: null as string | null,
  loading: null as AbortController | null,
};

const tabs = new Tabs(document.querySelector<HTMLElement>('[role="tablist"]')!);

/** A concept or paper picked anywhere: its panel comes to the front. */
const handlers = {
  onConcept: (id: string) => go({ concept: id, paper: state.paper }, 'concept'),
  onPaper: (id: string) => go({ concept: state.centre?.id ?? null, paper: id }, 'paper'),
};

const view = new GraphView(el.graph, el.tooltip, {
  onConcept: handlers.onConcept,
  onPaper: handlers.onPaper,
  onRepository: (id) => window.open(`https://${id}`, '_blank', 'noopener,noreferrer'),
});

// ---- errors ------------------------------------------------------------------------------

/** Shows what failed above the panels (the API's message, e.g. a refused argument). */
function showError(error: unknown): void {
  if (isAbort(error)) return;
  const message = error instanceof Error ? error.message : String(error);
  el.error.hidden = false;
  replace(el.error, message.charAt(0).toUpperCase() + message.slice(1));
}

function clearError(): void {
  el.error.hidden = true;
  el.error.replaceChildren();
}

// ---- navigation --------------------------------------------------------------------------

interface Place {
  concept: string | null;
  paper: string | null;
}

function readHash(): Place {
  const params = new URLSearchParams(location.hash.slice(1));
  return { concept: params.get('concept'), paper: params.get('paper') };
}

type Panel = 'concept' | 'paper';

/** The panel the pending navigation should bring to the front; null for Back or a pasted link. */
let intent: Panel | null = null;

/** Shows `place`: through the hash (so Back works), or at once when the hash already says so. */
function go(place: Place, panel: Panel): void {
  const params = new URLSearchParams();
  if (place.concept) params.set('concept', place.concept);
  if (place.paper) params.set('paper', place.paper);
  const hash = `#${params.toString()}`;
  intent = panel;
  if (location.hash === hash || (hash === '#' && location.hash === '')) void route();
  else location.hash = hash;
}

/** Loads what the hash names and is not on screen yet, then shows the panel asked for. */
async function route(): Promise<void> {
  const panel = intent;
  intent = null;
  const place = readHash();
  const jobs: Promise<boolean>[] = [];
  if (place.concept && drawKey(place.concept) !== state.drawn) jobs.push(loadConcept(place.concept));
  const newPaper = place.paper !== null && place.paper !== state.paper;
  if (newPaper) jobs.push(openPaper(place.paper!));
  const loaded = await Promise.all(jobs);
  if (loaded.includes(false)) return;
  if (panel === 'concept') show('tab-concept', 'concept-title');
  else if (panel === 'paper' || newPaper) show('tab-paper', 'paper-title');
}

/**
 * Brings a panel to the front. Its heading takes the focus when the focus was in the panels
 * (the button pressed there may be gone) or nowhere, not when it is in the search box.
 */
function show(tab: string, heading: string): void {
  tabs.select(tab);
  const active = document.activeElement;
  if (active && active !== document.body && !byId('panel').contains(active)) return;
  const target = document.getElementById(heading);
  if (!target) return;
  target.tabIndex = -1;
  target.focus();
}

// ---- neighbourhood -----------------------------------------------------------------------

function controls(id: string): NeighbourhoodVariables {
  const include: NodeKind[] = ['CONCEPT'];
  if (el.showPapers.checked) include.push('PAPER');
  if (el.showCode.checked) include.push('REPOSITORY');
  return { id, depth: Number(el.depth.value), minWeight: Number(el.minWeight.value), limit: Number(el.limit.value), include };
}

function drawKey(id: string): string {
  return JSON.stringify(controls(id));
}

/** Draws the neighbourhood of concept `id` and fills the concept panel; false when it failed. */
async function loadConcept(id: string): Promise<boolean> {
  state.loading?.abort();
  const controller = new AbortController();
  state.loading = controller;
  const variables = controls(id);
  el.graph.setAttribute('aria-busy', 'true');
  el.status.textContent = 'Loading the neighbourhood…';
  try {
    const { concept } = await graphql<NeighbourhoodResult>(NEIGHBOURHOOD, { ...variables }, controller.signal);
    if (!concept) {
      showError(new Error(`there is no concept with id “${id}”.`));
      el.status.textContent = 'Nothing drawn.';
      return false;
    }
    clearError();
    state.centre = concept;
    state.drawn = JSON.stringify(variables);
    el.welcome.hidden = true;
    view.showNeighbourhood(concept.neighbourhood, concept.id);
    renderConcept(el.conceptPanel, concept, { ...handlers, onPathFrom: (_id, name) => startPathFrom(name) });
    if (!pathFrom.input.value) pathFrom.set(conceptSuggestion(concept.id, concept.name, concept.acronym, concept.paperCount));
    document.title = `${concept.name} · Explorer`;
    el.graph.setAttribute('aria-label', `Graph of the neighbourhood of ${concept.name}`);
    showStatus(`around “${concept.name}”, ${plural(variables.depth, 'hop')}, min. weight ${variables.minWeight.toFixed(2)}`);
    showLegend(concept);
    void loadPaperCounts(concept.neighbourhood.nodes, controller.signal);
    return true;
  } catch (error) {
    if (!isAbort(error)) {
      showError(error);
      el.status.textContent = 'The neighbourhood could not be loaded.';
    }
    return false;
  } finally {
    if (state.loading === controller) {
      state.loading = null;
      el.graph.removeAttribute('aria-busy');
    }
  }
}

/** Papers per concept for the hover cards, in one request for the whole view. */
async function loadPaperCounts(nodes: readonly GraphNode[], signal?: AbortSignal): Promise<void> {
  const names = [...new Set(nodes.filter((n) => n.kind === 'CONCEPT').map((n) => n.label))].slice(0, 100);
  try {
    const { conceptsByNames } = await graphql<PaperCountsResult>(PAPER_COUNTS, { names }, signal);
    view.setPaperCounts(new Map(conceptsByNames.flatMap((c) => (c ? [[c.id, c.paperCount] as const] : []))));
  } catch (error) {
    if (!isAbort(error)) console.warn('paper counts for the hover cards:', error);
  }
}

function showStatus(where: string): void {
  const counts = view.counts();
  const parts = [plural(counts.concepts, 'concept'), plural(counts.papers, 'paper')];
  if (counts.repositories > 0) parts.push(plural(counts.repositories, 'repository', 'repositories'));
  el.status.dataset.concepts = String(counts.concepts);
  el.status.dataset.papers = String(counts.papers);
  el.status.dataset.edges = String(counts.edges);
  el.status.textContent = `${parts.join(', ')}, ${plural(counts.edges, 'link')} · ${where}`;
}

function showLegend(concept: ConceptDetail | null): void {
  const kinds = [
    h('li', {}, h('span', { class: 'key key-concept', 'aria-hidden': 'true' }), 'concept (size: PageRank)'),
    h('li', {}, h('span', { class: 'key key-paper', 'aria-hidden': 'true' }), 'paper'),
    h('li', {}, h('span', { class: 'key key-repository', 'aria-hidden': 'true' }), 'code'),
  ];
  const leaders = new Map<number, { label: string; rank: number }>();
  for (const n of concept?.neighbourhood.nodes ?? []) {
    if (n.kind !== 'CONCEPT' || n.community === null) continue;
    const seen = leaders.get(n.community);
    if (!seen || (n.rank ?? 0) > seen.rank) leaders.set(n.community, { label: n.label, rank: n.rank ?? 0 });
  }
  const communities = [...leaders.entries()]
    .sort((a, b) => a[0] - b[0])
    .slice(0, 6)
    .map(([id, leader]) => h('li', { title: `community ${id}` }, h('span', { class: 'key', '--swatch': communityColor(id), 'aria-hidden': 'true' }), leader.label));
  const heading = communities.length > 0 ? h('li', { class: 'legend-heading' }, 'Communities:') : null;
  replace(el.legend, kinds, heading, communities);
}

// ---- paper -------------------------------------------------------------------------------

/** Fills the paper panel with paper `id`; false when it failed. */
async function openPaper(id: string): Promise<boolean> {
  tabs.select('tab-paper');
  replace(el.paperPanel, h('p', { class: 'hint' }, 'Loading the paper…'));
  try {
    const { paper } = await graphql<PaperResult>(PAPER, { id });
    if (!paper) {
      replace(el.paperPanel, h('p', { class: 'hint' }, `There is no paper with id “${id}”.`));
      return false;
    }
    clearError();
    state.paper = paper.id;
    renderPaper(el.paperPanel, paper, handlers);
    return true;
  } catch (error) {
    showError(error);
    replace(el.paperPanel, h('p', { class: 'hint' }, 'The paper could not be loaded.'));
    return false;
  }
}

// ---- search ------------------------------------------------------------------------------

function conceptSuggestion(id: string, name: string, acronym: string | null, paperCount: number): Suggestion {
  return { kind: 'CONCEPT', id, label: name, detail: [acronym, plural(paperCount, 'paper')].filter(Boolean).join(' · ') };
}

/** Concepts (by name, alias or acronym) and, when `withPapers`, papers (by title) matching `text`. */
async function suggest(text: string, signal: AbortSignal, withPapers: boolean): Promise<Suggestion[]> {
  const result = await graphql<SearchResult>(SEARCH, { query: text, first: 10, withPapers }, signal);
  const concepts: Suggestion[] = [];
  const papers = new Map<string, Suggestion>();
  const addPaper = (p: PaperRef) => papers.set(p.id, { kind: 'PAPER', id: p.id, label: p.title, detail: p.year ? String(p.year) : '' });
  for (const hit of result.search) {
    if (hit.concept) concepts.push(conceptSuggestion(hit.concept.id, hit.concept.name, hit.concept.acronym, hit.concept.paperCount));
    else if (hit.paper && withPapers) addPaper(hit.paper);
  }
  for (const paper of result.papers?.nodes ?? []) if (!papers.has(paper.id)) addPaper(paper);
  return withPapers ? [...concepts.slice(0, 7), ...[...papers.values()].slice(0, 5)] : concepts;
}

new Combobox(byId<HTMLInputElement>('search-input'), byId<HTMLUListElement>('search-list'), byId('search-announcer'), {
  suggest: (text, signal) => suggest(text, signal, true),
  onPick: (s) => (s.kind === 'CONCEPT' ? handlers.onConcept(s.id) : handlers.onPaper(s.id)),
  onError: showError,
});

// ---- path finder -------------------------------------------------------------------------

const conceptsOnly = (text: string, signal: AbortSignal) => suggest(text, signal, false);
const pathTo = new Combobox(byId<HTMLInputElement>('path-to'), byId<HTMLUListElement>('path-to-list'), byId('path-announcer'), {
  suggest: conceptsOnly,
  // Enter again (the list is closed now) submits the form.
  onPick: () => {},
  onError: showError,
});
const pathFrom = new Combobox(byId<HTMLInputElement>('path-from'), byId<HTMLUListElement>('path-from-list'), byId('path-announcer'), {
  suggest: conceptsOnly,
  onPick: () => pathTo.input.focus(),
  onError: showError,
});

function startPathFrom(name: string): void {
  pathFrom.set({ kind: 'CONCEPT', id: name, label: name, detail: '' });
  tabs.select('tab-path');
  pathTo.input.focus();
}

async function findPath(): Promise<void> {
  const from = pathFrom.picked?.label ?? pathFrom.input.value.trim();
  const to = pathTo.picked?.label ?? pathTo.input.value.trim();
  if (!from || !to) {
    replace(el.pathResult, h('p', { class: 'hint' }, 'Pick two concepts first.'));
    (from ? pathTo : pathFrom).input.focus();
    return;
  }
  const maxHops = Number(el.maxHops.value);
  replace(el.pathResult, h('p', { class: 'hint' }, 'Looking for paths…'));
  try {
    const { paths } = await graphql<PathsResult>(PATHS, { from, to, maxHops });
    clearError();
    renderPaths(el.pathResult, paths, from, to, maxHops, handlers);
    if (paths.length > 0) {
      state.loading?.abort(); // a neighbourhood still on its way must not replace the path
      state.drawn = null;
      el.welcome.hidden = true;
      view.showPaths(paths);
      el.graph.setAttribute('aria-label', `Paths from ${from} to ${to}`);
      showStatus(`paths from “${from}” to “${to}”`);
      showLegend(null);
      void loadPaperCounts(paths.flatMap((p) => p.nodes));
    }
  } catch (error) {
    showError(error);
    replace(el.pathResult, h('p', { class: 'hint' }, error instanceof ApiError && error.code === 'NOT_FOUND' ? error.message : 'The path could not be looked up.'));
  }
}

el.pathForm.addEventListener('submit', (event) => {
  event.preventDefault();
  void findPath();
});
byId('path-swap').addEventListener('click', () => {
  const a = pathFrom.picked ?? (pathFrom.input.value ? { kind: 'CONCEPT' as const, id: '', label: pathFrom.input.value, detail: '' } : null);
  const b = pathTo.picked ?? (pathTo.input.value ? { kind: 'CONCEPT' as const, id: '', label: pathTo.input.value, detail: '' } : null);
  pathFrom.set(b);
  pathTo.set(a);
});

// ---- controls ----------------------------------------------------------------------------

function redraw(): void {
  if (state.centre) void loadConcept(state.centre.id);
}
el.depth.addEventListener('change', redraw);
el.limit.addEventListener('change', redraw);
el.showPapers.addEventListener('change', redraw);
el.showCode.addEventListener('change', redraw);
el.minWeight.addEventListener('input', () => {
  el.minWeightValue.value = Number(el.minWeight.value).toFixed(2);
});
el.minWeight.addEventListener('change', redraw);
byId('controls').addEventListener('submit', (event) => event.preventDefault());
byId('zoom-in').addEventListener('click', () => view.zoom('in'));
byId('zoom-out').addEventListener('click', () => view.zoom('out'));
byId('zoom-fit').addEventListener('click', () => view.zoom('fit'));

// "/" focuses the search from anywhere but a text field.
document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return;
  if (target.closest('input, textarea, select, [contenteditable="true"]')) return;
  event.preventDefault();
  byId('search-input').focus();
});

// ---- start -------------------------------------------------------------------------------

async function showStart(): Promise<void> {
  try {
    const { concepts } = await graphql<StartResult>(START);
    replace(
      el.startList,
      concepts.nodes.map((c) => h('li', {}, h('button', { type: 'button', class: 'chip', 'data-concept': c.id }, c.name, c.acronym ? ` (${c.acronym})` : ''))),
    );
    el.startList.querySelectorAll<HTMLButtonElement>('button').forEach((b) => b.addEventListener('click', () => handlers.onConcept(b.dataset.concept!)));
  } catch (error) {
    showError(error);
  }
}

window.addEventListener('hashchange', () => void route());
showLegend(null);
void showStart();
void route();
