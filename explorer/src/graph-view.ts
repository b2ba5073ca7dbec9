import { MultiDirectedGraph } from 'graphology';
import Sigma, { DEFAULT_STYLES } from 'sigma';
import { layerFill, sdfCircle, sdfDiamond, sdfSquare } from 'sigma/rendering';
import { KIND_SHAPE, nodeColor } from './colors';
import { h, plural, replace } from './dom';
import type { EdgeKind, GraphEdge, GraphNode, GraphPath, NodeKind, Subgraph } from './queries';

interface NodeAttributes {
  kind: NodeKind;
  id: string;
  /** What the canvas shows (long titles shortened). */
  label: string;
  fullLabel: string;
  rank: number | null;
  community: number | null;
  x: number;
  y: number;
  size: number;
  color: string;
  shape: string;
  forceLabel: boolean;
}

interface EdgeAttributes {
  kind: EdgeKind;
  weight: number | null;
  paperCount: number;
  size: number;
  color: string;
}

type Graph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

export interface GraphViewHandlers {
  onConcept(id: string, name: string): void;
  onPaper(id: string): void;
  onRepository(id: string): void;
}

/** What the view holds, by kind. */
export interface ViewCounts {
  concepts: number;
  papers: number;
  repositories: number;
  edges: number;
}

const ENDPOINTS: Readonly<Record<EdgeKind, [NodeKind, NodeKind]>> = {
  RELATED_TO: ['CONCEPT', 'CONCEPT'],
  BROADER: ['CONCEPT', 'CONCEPT'],
  MENTIONS: ['PAPER', 'CONCEPT'],
  HAS_CODE: ['PAPER', 'REPOSITORY'],
};

const EDGE_COLOR: Readonly<Record<EdgeKind, string>> = {
  RELATED_TO: 'rgba(71, 85, 105, 0.3)',
  BROADER: 'rgba(109, 40, 217, 0.5)',
  MENTIONS: 'rgba(148, 163, 184, 0.4)',
  HAS_CODE: 'rgba(180, 83, 9, 0.5)',
};

const PATH_COLOR = '#dc2626';
const MAX_LABEL = 48;

const key = (kind: NodeKind, id: string) => `${kind}:${id}`;
const shorten = (text: string) => (text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text);

/** Edge thickness from its weight (NPMI for RELATED_TO, confidence for MENTIONS). */
function edgeSize(edge: GraphEdge): number {
  const w = edge.weight ?? 0.3;
  switch (edge.kind) {
    case 'RELATED_TO':
      return 0.5 + 3.5 * w;
    case 'MENTIONS':
      return 0.5 + 1.5 * w;
    case 'BROADER':
      return 1.2;
    case 'HAS_CODE':
      return 1;
  }
}

/**
 * The force-directed picture: sigma (WebGL) over a graphology graph. Concepts are circles
 * coloured by community and sized by PageRank, papers squares, repositories diamonds; edges
 * are as thick as they are strong. Hovering a node shows its label and counts; clicking a
 * concept asks to recentre on it, clicking a paper to open it.
 */
export class GraphView {
  private readonly graph: Graph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
  private sigma: Sigma<NodeAttributes, EdgeAttributes> | null = null;
  private paperCounts = new Map<string, number>();
  private hovered: string | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly tooltip: HTMLElement,
    private readonly handlers: GraphViewHandlers,
  ) {}

  /** Draws a concept's neighbourhood with the server's ForceAtlas2 coordinates; `centre` stands out. */
  showNeighbourhood(subgraph: Subgraph, centre: string): void {
    const ranks = subgraph.nodes.filter((n) => n.kind === 'CONCEPT').map((n) => n.rank ?? 0);
    const low = Math.min(...ranks, 0);
    const high = Math.max(...ranks, low + 1e-9);
    this.graph.clear();
    this.paperCounts.clear();
    for (const node of subgraph.nodes) {
      const isCentre = node.kind === 'CONCEPT' && node.id === centre;
      const scaled = Math.sqrt(((node.rank ?? low) - low) / (high - low));
      const size = node.kind === 'CONCEPT' ? 4 + 12 * scaled : node.kind === 'PAPER' ? 5 : 6;
      this.addNode(node, node.x ?? 0, node.y ?? 0, isCentre ? Math.max(size, 12) + 4 : size, isCentre);
    }
    for (const edge of subgraph.edges) this.addEdge(edge, edgeSize(edge), EDGE_COLOR[edge.kind]);
    this.container.dataset.view = 'neighbourhood';
    this.draw();
  }

  /**
   * Draws up to a few paths between the same two concepts: the ends at the sides, each path's
   * inner concepts on a row of their own, the first (shortest) path in the middle and in red.
   */
  showPaths(paths: GraphPath[]): void {
    this.graph.clear();
    this.paperCounts.clear();
    const rows = [0, 1, -1, 2, -2];
    paths.forEach((path, p) => {
      const last = path.nodes.length - 1;
      path.nodes.forEach((node, i) => {
        const end = i === 0 || i === last;
        const x = last === 0 ? 0 : (i / last) * 100;
        const y = end ? 0 : (rows[p] ?? p) * -22;
        this.addNode(node, x, y, end ? 16 : p === 0 ? 12 : 9, true);
      });
      for (const edge of path.edges) {
        this.addEdge(edge, p === 0 ? 10 : 4, p === 0 ? PATH_COLOR : EDGE_COLOR[edge.kind], p === 0);
      }
    });
    this.container.dataset.view = 'path';
    this.draw();
  }

  /** Papers per concept, shown on hover. */
  setPaperCounts(counts: Map<string, number>): void {
    this.paperCounts = counts;
    if (this.hovered && this.graph.hasNode(this.hovered)) this.fillTooltip(this.hovered);
  }

  counts(): ViewCounts {
    const counts: ViewCounts = { concepts: 0, papers: 0, repositories: 0, edges: this.graph.size };
    this.graph.forEachNode((_key, a) => {
      if (a.kind === 'CONCEPT') counts.concepts++;
      else if (a.kind === 'PAPER') counts.papers++;
      else counts.repositories++;
    });
    return counts;
  }

  zoom(direction: 'in' | 'out' | 'fit'): void {
    const camera = this.sigma?.getCamera();
    if (!camera) return;
    if (direction === 'in') void camera.zoomIn({ duration: 200 });
    else if (direction === 'out') void camera.zoomOut({ duration: 200 });
    else void camera.reset({ duration: 200 });
  }

  private addNode(node: GraphNode, x: number, y: number, size: number, forceLabel: boolean): void {
    const k = key(node.kind, node.id);
    if (this.graph.hasNode(k)) return;
    this.graph.addNode(k, {
      kind: node.kind,
      id: node.id,
      label: shorten(node.label),
      fullLabel: node.label,
      rank: node.rank,
      community: node.community,
      x,
      y,
      size,
      color: nodeColor(node.kind, node.community),
      shape: KIND_SHAPE[node.kind],
      forceLabel,
    });
  }

  private addEdge(edge: GraphEdge, size: number, color: string, replace = false): void {
    const [sourceKind, targetKind] = ENDPOINTS[edge.kind];
    const source = key(sourceKind, edge.source);
    const target = key(targetKind, edge.target);
    if (!this.graph.hasNode(source) || !this.graph.hasNode(target)) return;
    const k = `${edge.kind}:${source}->${target}`;
    const attributes = { kind: edge.kind, weight: edge.weight, paperCount: edge.paperCount, size, color };
    if (!this.graph.hasEdge(k)) this.graph.addDirectedEdgeWithKey(k, source, target, attributes);
    else if (replace) this.graph.replaceEdgeAttributes(k, attributes);
  }

  private draw(): void {
    this.hideTooltip();
    this.container.dataset.renderedNodes = '0';
    if (!this.sigma) {
      try {
        this.sigma = this.createSigma();
      } catch (error) {
        replace(
          this.container,
          h('p', { class: 'graph-message', role: 'alert' }, 'This browser cannot draw the graph (it needs WebGL 2). The side panel lists everything the graph shows.'),
        );
        console.error(error);
        return;
      }
    }
    this.sigma.getCamera().setState({ x: 0.5, y: 0.5, ratio: 1, angle: 0 });
    this.sigma.refresh();
  }

  private createSigma(): Sigma<NodeAttributes, EdgeAttributes> {
    const sigma = new Sigma<NodeAttributes, EdgeAttributes>(this.graph, this.container, {
      primitives: {
        nodes: {
          shapes: [sdfCircle(), sdfSquare({ cornerRadius: 0.15 }), sdfDiamond()],
          layers: [layerFill()],
          label: { font: { family: 'system-ui, "Segoe UI", Roboto, Helvetica, Arial, sans-serif', size: 13 } },
        },
      },
      styles: {
        nodes: [
          DEFAULT_STYLES.nodes,
          { shape: { attribute: 'shape' }, cursor: 'pointer' },
          { whenData: 'forceLabel', then: { labelVisibility: 'visible' } },
        ],
        edges: [DEFAULT_STYLES.edges],
      },
      settings: {
        labelDensity: 0.6,
        labelRenderedSizeThreshold: 7,
        // Sizes in pixels; the framing fits the nodes with their sizes and labels, not just their centres.
        itemSizesReference: 'screen',
        autoRescaleContent: 'labels',
        stagePadding: 30,
        enableNodeDrag: false,
      },
    });
    sigma.on('afterRender', () => {
      this.container.dataset.renderedNodes = String(this.graph.order);
      this.container.dataset.renderedEdges = String(this.graph.size);
    });
    sigma.on('enterNode', ({ node, event }) => {
      this.hovered = node;
      this.fillTooltip(node);
      this.placeTooltip(event.x, event.y);
    });
    sigma.on('leaveNode', () => this.hideTooltip());
    sigma.on('clickNode', ({ node }) => {
      const a = this.graph.getNodeAttributes(node);
      this.hideTooltip();
      if (a.kind === 'CONCEPT') this.handlers.onConcept(a.id, a.fullLabel);
      else if (a.kind === 'PAPER') this.handlers.onPaper(a.id);
      else this.handlers.onRepository(a.id);
    });
    return sigma;
  }

  private fillTooltip(node: string): void {
    const a = this.graph.getNodeAttributes(node);
    const around = { CONCEPT: 0, PAPER: 0, REPOSITORY: 0 };
    for (const n of this.graph.neighbors(node)) around[this.graph.getNodeAttribute(n, 'kind')]++;
    const lines: string[] = [];
    if (a.kind === 'CONCEPT') {
      const papers = this.paperCounts.get(a.id);
      lines.push(papers === undefined ? 'papers: …' : plural(papers, 'paper'));
      lines.push(`linked to ${plural(around.CONCEPT, 'concept')} here${around.PAPER > 0 ? `, named by ${plural(around.PAPER, 'paper')} here` : ''}`);
      if (a.community !== null) lines.push(`community ${a.community}`);
      if (a.rank !== null) lines.push(`PageRank ${a.rank.toPrecision(3)}`);
    } else if (a.kind === 'PAPER') {
      lines.push(`names ${plural(around.CONCEPT, 'concept')} here`);
      if (around.REPOSITORY > 0) lines.push(`cites ${plural(around.REPOSITORY, 'repository', 'repositories')} here`);
    } else {
      lines.push(`cited by ${plural(around.PAPER, 'paper')} here`);
    }
    replace(this.tooltip, h('strong', {}, a.fullLabel), h('span', { class: 'tooltip-kind' }, a.kind.toLowerCase()), ...lines.map((l) => h('span', {}, l)));
  }

  private placeTooltip(x: number, y: number): void {
    this.tooltip.hidden = false;
    const width = this.container.clientWidth;
    const height = this.container.clientHeight;
    const box = this.tooltip.getBoundingClientRect();
    this.tooltip.style.left = `${Math.min(x + 14, width - box.width - 4)}px`;
    this.tooltip.style.top = `${Math.min(y + 14, height - box.height - 4)}px`;
  }

  private hideTooltip(): void {
    this.hovered = null;
    this.tooltip.hidden = true;
  }
}
