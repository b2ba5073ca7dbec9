import { bindItems } from './concept-panel';
import { communityColor } from './colors';
import { detail, h, plural, replace } from './dom';
import type { GraphPath, PathEdge } from './queries';

export interface PathPanelHandlers {
  onConcept(id: string, name: string): void;
  onPaper(id: string): void;
}

function hopText(edge: PathEdge): string {
  const evidence = plural(edge.paperCount, 'paper');
  if (edge.kind === 'BROADER') return `nested term · ${evidence}`;
  return `co-occur, weight ${(edge.weight ?? 0).toFixed(2)} · ${evidence}`;
}

function renderPath(path: GraphPath, index: number): HTMLElement {
  const steps: HTMLElement[] = [];
  path.nodes.forEach((node, i) => {
    steps.push(
      h(
        'li',
        { class: 'step' },
        h(
          'button',
          { type: 'button', class: 'item concept-step', 'data-concept': node.id, 'data-name': node.label },
          h('span', { class: 'swatch', '--swatch': communityColor(node.community), 'aria-hidden': 'true' }),
          h('span', { class: 'item-label' }, node.label),
        ),
      ),
    );
    const edge = path.edges[i];
    if (!edge) return;
    steps.push(
      h(
        'li',
        { class: 'hop' },
        h('span', { class: 'hop-text' }, hopText(edge)),
        h(
          'ul',
          { class: 'item-list papers', 'aria-label': `Papers linking ${node.label} and ${path.nodes[i + 1]?.label ?? ''}` },
          edge.papers.map((p) =>
            h('li', {}, h('button', { type: 'button', class: 'item', 'data-paper': p.id }, h('span', { class: 'item-label' }, p.title), p.year ? detail(String(p.year)) : null)),
          ),
        ),
      ),
    );
  });
  const heading = `${index === 0 ? 'Shortest path' : `Path ${index + 1}`}: ${plural(path.hops, 'hop')}`;
  return h('section', { class: `path${index === 0 ? ' first' : ''}`, 'aria-label': heading }, h('h3', {}, heading), h('ol', { class: 'steps' }, steps));
}

/**
 * Lists the paths found, each concept a button (recentre) and each hop with the papers that
 * connect its two concepts (buttons that open the paper).
 */
export function renderPaths(el: HTMLElement, paths: GraphPath[], from: string, to: string, maxHops: number, handlers: PathPanelHandlers): void {
  if (paths.length === 0) {
    replace(el, h('p', { id: 'path-summary', class: 'summary', 'data-paths': 0 }, `No path of at most ${plural(maxHops, 'hop')} between “${from}” and “${to}”.`));
    return;
  }
  const papers = new Set(paths.flatMap((p) => p.edges.flatMap((e) => e.papers.map((x) => x.id))));
  replace(
    el,
    h(
      'p',
      { id: 'path-summary', class: 'summary', 'data-paths': paths.length, 'data-hops': paths[0]?.hops ?? 0, 'data-papers': papers.size },
      `${plural(paths.length, 'path')} from “${from}” to “${to}”, the shortest ${plural(paths[0]?.hops ?? 0, 'hop')}; ${plural(papers.size, 'connecting paper')}.`,
    ),
    paths.map(renderPath),
  );
  bindItems(el, handlers);
}
