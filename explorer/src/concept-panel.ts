import { communityColor } from './colors';
import { detail, h, plural, replace } from './dom';
import type { ConceptDetail, GraphEdge } from './queries';

export interface ConceptPanelHandlers {
  onConcept(id: string, name: string): void;
  onPaper(id: string): void;
  onPathFrom(id: string, name: string): void;
}

interface Neighbour {
  id: string;
  name: string;
  edge: GraphEdge;
}

/** The concept's direct neighbours in the drawn neighbourhood, strongest link first. */
function neighbours(concept: ConceptDetail): Neighbour[] {
  const names = new Map(concept.neighbourhood.nodes.filter((n) => n.kind === 'CONCEPT').map((n) => [n.id, n.label]));
  const best = new Map<string, Neighbour>();
  for (const edge of concept.neighbourhood.edges) {
    if (edge.kind !== 'RELATED_TO' && edge.kind !== 'BROADER') continue;
    const other = edge.source === concept.id ? edge.target : edge.target === concept.id ? edge.source : null;
    const name = other === null ? undefined : names.get(other);
    if (other === null || name === undefined) continue;
    const seen = best.get(other);
    if (!seen || (edge.weight ?? 0) > (seen.edge.weight ?? 0)) best.set(other, { id: other, name, edge });
  }
  return [...best.values()].sort((a, b) => (b.edge.weight ?? 0) - (a.edge.weight ?? 0) || a.name.localeCompare(b.name));
}

function linkText(edge: GraphEdge): string {
  const evidence = plural(edge.paperCount, 'shared paper');
  if (edge.kind === 'BROADER') return `nesting · ${evidence}`;
  return `weight ${(edge.weight ?? 0).toFixed(2)} · ${evidence}`;
}

/** Fills the concept panel: the concept, its papers, and its neighbours (each a button). */
export function renderConcept(panel: HTMLElement, concept: ConceptDetail, handlers: ConceptPanelHandlers): void {
  const acronym = concept.acronym && concept.acronym !== concept.name ? concept.acronym : null;
  const others = [...new Set(concept.aliases.filter((a) => a.toLowerCase() !== concept.name.toLowerCase() && a !== acronym))];
  const near = neighbours(concept).slice(0, 40);
  const papers = concept.papers.nodes;
  replace(
    panel,
    h(
      'h2',
      { class: 'panel-title', id: 'concept-title' },
      h('span', { class: 'swatch', '--swatch': communityColor(concept.community), 'aria-hidden': 'true' }),
      concept.name,
      acronym ? h('span', { class: 'acronym' }, ` (${acronym})`) : null,
    ),
    h(
      'p',
      { class: 'meta' },
      plural(concept.paperCount, 'paper'),
      concept.community !== null ? ` · community ${concept.community}` : '',
      concept.rank !== null ? ` · PageRank ${concept.rank.toPrecision(3)}` : '',
    ),
    others.length > 0 ? h('p', { class: 'aliases' }, 'Also written: ', others.slice(0, 8).join(', ')) : null,
    h('p', {}, h('button', { type: 'button', class: 'secondary', 'data-action': 'path-from' }, 'Find a path from this concept')),
    h('h3', { id: 'concept-papers-heading' }, 'Papers', h('span', { class: 'count' }, ` ${papers.length} of ${concept.papers.totalCount}`)),
    papers.length === 0
      ? h('p', { class: 'hint' }, 'No papers.')
      : h(
          'ul',
          { class: 'item-list', 'aria-labelledby': 'concept-papers-heading', id: 'concept-papers' },
          papers.map((p) =>
            h('li', {}, h('button', { type: 'button', class: 'item', 'data-paper': p.id }, h('span', { class: 'item-label' }, p.title), p.year ? detail(String(p.year)) : null)),
          ),
        ),
    h('h3', { id: 'concept-neighbours-heading' }, 'Linked concepts', h('span', { class: 'count' }, ` ${near.length}`)),
    near.length === 0
      ? h('p', { class: 'hint' }, 'No linked concepts at this minimum weight.')
      : h(
          'ul',
          { class: 'item-list', 'aria-labelledby': 'concept-neighbours-heading', id: 'concept-neighbours' },
          near.map((n) =>
            h(
              'li',
              {},
              h('button', { type: 'button', class: 'item', 'data-concept': n.id, 'data-name': n.name }, h('span', { class: 'item-label' }, n.name), detail(linkText(n.edge))),
            ),
          ),
        ),
  );
  panel.querySelector('[data-action="path-from"]')?.addEventListener('click', () => handlers.onPathFrom(concept.id, concept.name));
  bindItems(panel, handlers);
}

/** Buttons marked `data-paper` open the paper, `data-concept` recentre the graph. */
export function bindItems(panel: HTMLElement, handlers: Pick<ConceptPanelHandlers, 'onConcept' | 'onPaper'>): void {
  panel.querySelectorAll<HTMLButtonElement>('button[data-paper]').forEach((b) => b.addEventListener('click', () => handlers.onPaper(b.dataset.paper!)));
  panel
    .querySelectorAll<HTMLButtonElement>('button[data-concept]')
    .forEach((b) => b.addEventListener('click', () => handlers.onConcept(b.dataset.concept!, b.dataset.name ?? b.textContent ?? '')));
}
