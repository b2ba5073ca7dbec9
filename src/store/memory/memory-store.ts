import { MultiDirectedGraph } from 'graphology';
import type {
  BroaderRecord,
  ConceptRecord,
  GraphData,
  HasCodeRecord,
  MentionRecord,
  PaperRecord,
  RelatedRecord,
  RepositoryRecord,
} from '../../model.js';
import type {
  CommunityRecord,
  ConceptFilter,
  ConceptOrder,
  ConceptPair,
  GraphEdge,
  GraphNode,
  GraphPath,
  GraphStats,
  GraphStore,
  ListPage,
  ListRequest,
  NeighbourhoodOptions,
  PairPapers,
  PaperFilter,
  PaperOrder,
  RelatedConcept,
  ReplaceSummary,
  SearchHit,
  SimilarPaper,
  Subgraph,
} from '../graph-store.js';
import { conceptIndexKeys, preferConcept } from '../lookup.js';
import {
  compareByRank,
  compareEdges,
  expandNeighbourhood,
  kShortestPaths,
  rankByCount,
  rankByIdfCount,
  rankHits,
  rankPairPapers,
  rankPapersByMentions,
  rankSimilar,
  shortestPath,
  type MentionRow,
  type SimilarCandidate,
} from '../algorithms.js';
import { canonicalGraph } from '../canonical.js';
import { compareIds } from '../ordering.js';
import * as paging from '../paging.js';
import { SearchIndex } from '../search-index.js';
import { parseSearchQuery, scoreConcept, scorePaper, scoreRepository } from '../search-scoring.js';
import { corrupt, readSnapshot, removeStaleTempFiles, writeSnapshot } from './snapshot.js';

type NodeAttributes =
  | { kind: 'PAPER'; record: PaperRecord }
  | { kind: 'CONCEPT'; record: ConceptRecord }
  | { kind: 'REPOSITORY'; record: RepositoryRecord };

type EdgeAttributes =
  | { kind: 'MENTIONS'; record: MentionRecord }
  | { kind: 'HAS_CODE'; record: HasCodeRecord }
  | { kind: 'RELATED_TO'; record: RelatedRecord }
  | { kind: 'BROADER'; record: BroaderRecord };

type KgGraph = MultiDirectedGraph<NodeAttributes, EdgeAttributes>;

const paperKey = (id: string) => `paper:${id}`;
const conceptKey = (id: string) => `concept:${id}`;
const repoKey = (id: string) => `repo:${id}`;

export interface MemoryStoreOptions {
  /** Folder of the snapshot file; null keeps everything in memory only. */
  dataDir: string | null;
}

/**
 * The embedded store: the whole graph in one graphology multigraph, plus lookup indexes
 * derived from it after every load or write. Persisted as a snapshot file written atomically.
 */
export class MemoryStore implements GraphStore {
  readonly kind = 'memory' as const;
  private graph: KgGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
  private index = buildIndex(this.graph);
  private initialised = false;
  /** Replacements run one at a time; this is the last one asked for. */
  private replacing: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: MemoryStoreOptions) {}

  async init(): Promise<void> {
    if (this.initialised) return;
    const dataDir = this.options.dataDir;
    if (dataDir) {
      await removeStaleTempFiles(dataDir);
      const data = await readSnapshot(dataDir);
      if (data) {
        try {
          this.load(data);
        } catch (error) {
          throw corrupt(dataDir, `does not hold a consistent graph (${(error as Error).message})`);
        }
      }
    }
    this.initialised = true;
  }

  async ping(): Promise<void> {
    if (!this.initialised) throw new Error('embedded store is not initialised');
  }

  /** Waits for a snapshot being written to be on disk. */
  async close(): Promise<void> {
    await this.replacing;
  }

  async allPapers(): Promise<PaperRecord[]> {
    return [...this.index.papers.values()].sort((a, b) => compareIds(a.id, b.id));
  }

  replaceGraph(data: GraphData): Promise<ReplaceSummary> {
    const run = this.replacing.then(() => this.replaceNow(data));
    this.replacing = run.catch(() => undefined);
    return run;
  }

  /**
   * Builds the new graph (refusing data that does not form one before anything is written),
   * writes the snapshot, and only then serves the new graph: a failure at any step leaves the
   * file and the served graph as they were.
   */
  private async replaceNow(data: GraphData): Promise<ReplaceSummary> {
    const before = { graph: this.graph, index: this.index };
    const summary: ReplaceSummary = {
      conceptsCreated: data.concepts.filter((c) => !before.index.concepts.has(c.id)).length,
      repositoriesCreated: data.repositories.filter((r) => !before.index.repositories.has(r.id)).length,
    };
    this.load(data);
    const after = { graph: this.graph, index: this.index };
    // Note: synchronous with the load above, so no reader sees the new graph before it is saved.
    this.graph = before.graph;
    this.index = before.index;
    if (this.options.dataDir) await writeSnapshot(this.options.dataDir, data);
    this.graph = after.graph;
    this.index = after.index;
    return summary;
  }

  /** The stored graph as plain data, in canonical order. */
  async exportGraph(): Promise<GraphData> {
    const edges = (kind: EdgeAttributes['kind']) =>
      this.graph.filterEdges((_e, attrs) => attrs.kind === kind).map((e) => this.graph.getEdgeAttributes(e).record);
    return canonicalGraph({
      papers: [...this.index.papers.values()],
      concepts: [...this.index.concepts.values()],
      repositories: [...this.index.repositories.values()],
      mentions: edges('MENTIONS') as MentionRecord[],
      hasCode: edges('HAS_CODE') as HasCodeRecord[],
      related: edges('RELATED_TO') as RelatedRecord[],
      broader: edges('BROADER') as BroaderRecord[],
    });
  }

  private load(data: GraphData): void {
    const graph: KgGraph = new MultiDirectedGraph<NodeAttributes, EdgeAttributes>();
    for (const p of data.papers) graph.addNode(paperKey(p.id), { kind: 'PAPER', record: p });
    for (const c of data.concepts) graph.addNode(conceptKey(c.id), { kind: 'CONCEPT', record: c });
    for (const r of data.repositories) graph.addNode(repoKey(r.id), { kind: 'REPOSITORY', record: r });
    for (const m of data.mentions) graph.addEdge(paperKey(m.paperId), conceptKey(m.conceptId), { kind: 'MENTIONS', record: m });
    for (const h of data.hasCode) graph.addEdge(paperKey(h.paperId), repoKey(h.repositoryId), { kind: 'HAS_CODE', record: h });
    for (const r of data.related) graph.addEdge(conceptKey(r.source), conceptKey(r.target), { kind: 'RELATED_TO', record: r });
    for (const b of data.broader) graph.addEdge(conceptKey(b.narrower), conceptKey(b.broader), { kind: 'BROADER', record: b });
    this.graph = graph;
    this.index = buildIndex(graph);
  }

  // ---- point and batch reads ----------------------------------------------------------

  async papersByIds(ids: readonly string[]) {
    return ids.map((id) => this.index.papers.get(id) ?? null);
  }

  async conceptsByIds(ids: readonly string[]) {
    return ids.map((id) => this.index.concepts.get(id) ?? null);
  }

  async repositoriesByIds(ids: readonly string[]) {
    return ids.map((id) => this.index.repositories.get(id) ?? null);
  }

  async conceptByLookupKeys(keys: readonly string[]): Promise<ConceptRecord | null> {
    for (const key of keys) {
      const found = this.index.lookup.get(key);
      if (found && found.length > 0) return found.reduce(preferConcept);
    }
    return null;
  }

  async conceptsByLookupKeys(keyLists: readonly (readonly string[])[]): Promise<(ConceptRecord | null)[]> {
    return Promise.all(keyLists.map((keys) => this.conceptByLookupKeys(keys)));
  }

  async communitiesByIds(ids: readonly number[]): Promise<(CommunityRecord | null)[]> {
    return ids.map((id) => {
      const members = this.index.communities.get(id);
      return members ? { id, size: members.length } : null;
    });
  }

  async mentionsOfPapers(paperIds: readonly string[]) {
    return paperIds.map((id) => this.index.mentionsByPaper.get(id) ?? []);
  }

  async repositoriesOfPapers(paperIds: readonly string[]) {
    return paperIds.map((id) => this.index.reposByPaper.get(id) ?? []);
  }

  async relatedOfConcepts(conceptIds: readonly string[], first: number, minShared = 1): Promise<RelatedConcept[][]> {
    return conceptIds.map((id) =>
      (this.index.related.get(id) ?? [])
        .filter((r) => r.sharedPapers >= minShared)
        .slice(0, first)
        .map((r) => ({
        concept: this.concept(r.other),
        sharedPapers: r.sharedPapers,
        weight: r.weight,
      })),
    );
  }

  async broaderOfConcepts(conceptIds: readonly string[]) {
    return conceptIds.map((id) => (this.index.broader.get(id) ?? []).map((c) => this.concept(c)));
  }

  async narrowerOfConcepts(conceptIds: readonly string[]) {
    return conceptIds.map((id) => (this.index.narrower.get(id) ?? []).map((c) => this.concept(c)));
  }

  async repositoriesOfConcepts(conceptIds: readonly string[]) {
    return conceptIds.map((id) => {
      const papers = (this.index.mentionsByConcept.get(id) ?? []).map((m) => m.paperId);
      return rankByCount(papers.flatMap((p) => this.index.reposByPaper.get(p) ?? []));
    });
  }

  async papersOfRepositories(repositoryIds: readonly string[]) {
    return repositoryIds.map((id) => (this.index.papersByRepo.get(id) ?? []).map((p) => this.paper(p)));
  }

  async conceptsOfRepositories(repositoryIds: readonly string[]) {
    return repositoryIds.map((id) => {
      const papers = this.index.papersByRepo.get(id) ?? [];
      return rankByIdfCount(
        papers.flatMap((p) => (this.index.mentionsByPaper.get(p) ?? []).map((m) => this.concept(m.conceptId))),
        this.index.papers.size,
      );
    });
  }

  async conceptsOfCommunities(communityIds: readonly number[], first: number): Promise<ConceptRecord[][]> {
    return communityIds.map((id) => (this.index.communities.get(id) ?? []).slice(0, first));
  }

  async papersOfCommunities(communityIds: readonly number[], first: number): Promise<PaperRecord[][]> {
    return communityIds.map((id) => {
      const mentions = (this.index.communities.get(id) ?? []).flatMap((c) => this.index.mentionsByConcept.get(c.id) ?? []);
      return rankPapersByMentions(mentions, first).map((p) => this.paper(p));
    });
  }

  async papersOfConceptPairs(pairs: readonly ConceptPair[], first: number): Promise<PairPapers[]> {
    return pairs.map(({ a, b }) => {
      const ofB = new Map((this.index.mentionsByConcept.get(b) ?? []).map((m) => [m.paperId, m.confidence]));
      const rows = (this.index.mentionsByConcept.get(a) ?? []).flatMap((m) => {
        const cb = a === b ? undefined : ofB.get(m.paperId);
        return cb === undefined ? [] : [{ paperId: m.paperId, a: m.confidence, b: cb }];
      });
      return { total: rows.length, papers: rankPairPapers(rows, first).map((p) => this.paper(p)) };
    });
  }

  // ---- lists ---------------------------------------------------------------------------

  async listPapers(page: ListRequest, filter: PaperFilter, order: PaperOrder): Promise<ListPage<PaperRecord>> {
    let papers = [...this.index.papers.values()];
    for (const conceptId of filter.conceptIds ?? []) {
      const ids = new Set((this.index.mentionsByConcept.get(conceptId) ?? []).map((m) => m.paperId));
      papers = papers.filter((p) => ids.has(p.id));
    }
    if (filter.hasCode !== undefined) {
      papers = papers.filter((p) => (this.index.reposByPaper.get(p.id)?.length ?? 0) > 0 === filter.hasCode);
    }
    if (filter.year !== undefined) papers = papers.filter((p) => p.year === filter.year);
    let scores: Map<string, number> | null = null;
    if (filter.search !== undefined) {
      scores = this.paperScores(filter.search);
      papers = papers.filter((p) => scores!.has(p.id));
    }
    const entries = papers.map((p) => ({ item: p, key: paging.paperKey(order, p, scores?.get(p.id)) }));
    return paging.keysetPage(entries, paging.PAPER_ORDER_KEYS[order], page);
  }

  async listConcepts(page: ListRequest, filter: ConceptFilter, order: ConceptOrder): Promise<ListPage<ConceptRecord>> {
    let concepts = [...this.index.concepts.values()];
    if (filter.minPapers !== undefined) concepts = concepts.filter((c) => c.paperCount >= filter.minPapers!);
    if (filter.community !== undefined) concepts = concepts.filter((c) => c.community === filter.community);
    if (filter.nameContains !== undefined) {
      const needle = filter.nameContains.toLowerCase();
      concepts = concepts.filter((c) => [c.name, ...c.aliases].some((n) => n.toLowerCase().includes(needle)));
    }
    const entries = concepts.map((c) => ({ item: c, key: paging.conceptKey(order, c) }));
    return paging.keysetPage(entries, paging.CONCEPT_ORDER_KEYS[order], page);
  }

  async listRepositories(page: ListRequest): Promise<ListPage<RepositoryRecord>> {
    const entries = [...this.index.repositories.values()].map((r) => ({ item: r, key: { values: [], id: r.id } }));
    return paging.keysetPage(entries, paging.ID_KEYS, page);
  }

  async listCommunities(page: ListRequest): Promise<ListPage<CommunityRecord>> {
    const entries = [...this.index.communities.entries()].map(([id, members]) => ({
      item: { id, size: members.length },
      key: { values: [id], id: String(id) },
    }));
    return paging.keysetPage(entries, paging.COMMUNITY_KEYS, page);
  }

  async papersOfConcept(conceptId: string, includeNarrower: boolean, page: ListRequest): Promise<ListPage<PaperRecord>> {
    const conceptIds = includeNarrower ? this.descendants(conceptId) : [conceptId];
    const best = new Map<string, number>();
    for (const cid of conceptIds) {
      for (const m of this.index.mentionsByConcept.get(cid) ?? []) {
        best.set(m.paperId, Math.max(best.get(m.paperId) ?? 0, m.confidence));
      }
    }
    const entries = [...best.entries()].map(([id, confidence]) => ({
      item: this.paper(id),
      key: { values: [confidence], id },
    }));
    return paging.keysetPage(entries, paging.CONFIDENCE_KEYS, page);
  }

  /** Search scores of the papers matching `query` (only those above zero). */
  private paperScores(query: string): Map<string, number> {
    const q = parseSearchQuery(query);
    const scores = new Map<string, number>();
    for (const id of this.index.search().candidates(q).papers) {
      const score = scorePaper(q, this.index.search().paperDocs.get(id)!);
      if (score > 0) scores.set(id, score);
    }
    return scores;
  }

  /** The concept and every concept below it through BROADER edges. */
  private descendants(conceptId: string): string[] {
    const seen = new Set([conceptId]);
    const queue = [conceptId];
    for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
      for (const child of this.index.narrower.get(id) ?? []) {
        if (!seen.has(child)) {
          seen.add(child);
          queue.push(child);
        }
      }
    }
    return [...seen];
  }

  // ---- traversal -----------------------------------------------------------------------

  async neighbourhood(conceptId: string, options: NeighbourhoodOptions): Promise<Subgraph> {
    if (!this.index.concepts.has(conceptId)) return { nodes: [], edges: [] };
    const included = await expandNeighbourhood(conceptId, options, async (ids) =>
      new Map(ids.map((id) => [id, this.index.related.get(id) ?? []])),
    );
    const members = new Set(included);
    const nodes = included.map((id) => this.conceptNode(id));
    const edges: GraphEdge[] = [];
    for (const id of included) {
      for (const r of this.index.related.get(id) ?? []) {
        if (id < r.other && members.has(r.other) && r.weight >= options.minWeight) {
          edges.push({ source: id, target: r.other, kind: 'RELATED_TO', weight: r.weight });
        }
      }
      for (const b of this.index.broader.get(id) ?? []) {
        if (members.has(b)) edges.push({ source: id, target: b, kind: 'BROADER', weight: null });
      }
    }
    if (options.papers) {
      const mentions: MentionRow[] = included.flatMap((id) => this.index.mentionsByConcept.get(id) ?? []);
      const paperIds = rankPapersByMentions(mentions, options.limit);
      const chosen = new Set(paperIds);
      for (const id of paperIds) nodes.push({ id, kind: 'PAPER', label: this.paper(id).title });
      for (const m of mentions) {
        if (chosen.has(m.paperId)) edges.push({ source: m.paperId, target: m.conceptId, kind: 'MENTIONS', weight: m.confidence });
      }
      if (options.repositories) {
        const repos = new Map<string, RepositoryRecord>();
        for (const id of paperIds) {
          for (const r of this.index.reposByPaper.get(id) ?? []) {
            repos.set(r.id, r);
            edges.push({ source: id, target: r.id, kind: 'HAS_CODE', weight: null });
          }
        }
        for (const r of [...repos.values()].sort((a, b) => compareIds(a.id, b.id))) nodes.push(repositoryNode(r));
      }
    }
    edges.sort(compareEdges);
    return { nodes, edges };
  }

  async path(fromId: string, toId: string, maxHops: number): Promise<GraphPath | null> {
    if (!this.index.concepts.has(fromId) || !this.index.concepts.has(toId)) return null;
    const ids = await shortestPath(fromId, toId, maxHops, async (frontier) =>
      new Map(frontier.map((id) => [id, this.index.adjacency.get(id) ?? []])),
    );
    if (!ids) return null;
    const edges = ids.slice(1).map((id, i) => this.edgeBetween(ids[i]!, id));
    return { hops: ids.length - 1, nodes: ids.map((id) => this.conceptNode(id)), edges };
  }

  async paths(fromId: string, toId: string, maxHops: number, first: number): Promise<GraphPath[]> {
    if (!this.index.concepts.has(fromId) || !this.index.concepts.has(toId)) return [];
    const found = await kShortestPaths(fromId, toId, maxHops, first, async (frontier) =>
      new Map(frontier.map((id) => [id, this.index.adjacency.get(id) ?? []])),
    );
    return found.map((ids) => ({
      hops: ids.length - 1,
      nodes: ids.map((id) => this.conceptNode(id)),
      edges: ids.slice(1).map((id, i) => this.edgeBetween(ids[i]!, id)),
    }));
  }

  /** The edge joining two adjacent concepts: RELATED_TO when there is one, else BROADER. */
  private edgeBetween(a: string, b: string): GraphEdge {
    const related = (this.index.related.get(a) ?? []).find((r) => r.other === b);
    if (related) {
      const [source, target] = a < b ? [a, b] : [b, a];
      return { source, target, kind: 'RELATED_TO', weight: related.weight };
    }
    const aIsNarrower = (this.index.broader.get(a) ?? []).includes(b);
    return { source: aIsNarrower ? a : b, target: aIsNarrower ? b : a, kind: 'BROADER', weight: null };
  }

  async similarPapers(paperId: string, first: number): Promise<SimilarPaper[]> {
    const mine = this.index.mentionsByPaper.get(paperId);
    if (!mine) return [];
    const shared = new Map<string, SimilarCandidate>();
    for (const m of mine) {
      const paperCount = this.concept(m.conceptId).paperCount;
      for (const other of this.index.mentionsByConcept.get(m.conceptId) ?? []) {
        if (other.paperId === paperId) continue;
        let candidate = shared.get(other.paperId);
        if (!candidate) {
          candidate = { paper: this.paper(other.paperId), shared: [] };
          shared.set(other.paperId, candidate);
        }
        candidate.shared.push({ conceptId: m.conceptId, paperCount });
      }
    }
    return rankSimilar([...shared.values()], this.index.papers.size, first);
  }

  async search(query: string, first: number): Promise<SearchHit[]> {
    const q = parseSearchQuery(query);
    const index = this.index.search();
    const found = index.candidates(q);
    const hits: SearchHit[] = [];
    for (const id of found.concepts) {
      const score = scoreConcept(q, index.conceptDocs.get(id)!);
      if (score > 0) hits.push({ kind: 'CONCEPT', score, concept: this.concept(id) });
    }
    for (const id of found.papers) {
      const score = scorePaper(q, index.paperDocs.get(id)!);
      if (score > 0) hits.push({ kind: 'PAPER', score, paper: this.paper(id) });
    }
    for (const id of found.repositories) {
      const repository = this.index.repositories.get(id)!;
      const score = scoreRepository(q, repository);
      if (score > 0) hits.push({ kind: 'REPOSITORY', score, repository });
    }
    return rankHits(hits, first);
  }

  async stats(): Promise<GraphStats> {
    return {
      papers: this.index.papers.size,
      concepts: this.index.concepts.size,
      repositories: this.index.repositories.size,
      mentions: this.index.mentionCount,
    };
  }

  // ---- helpers -------------------------------------------------------------------------

  private paper(id: string): PaperRecord {
    const p = this.index.papers.get(id);
    if (!p) throw new Error(`embedded store is inconsistent: no paper ${id}`);
    return p;
  }

  private concept(id: string): ConceptRecord {
    const c = this.index.concepts.get(id);
    if (!c) throw new Error(`embedded store is inconsistent: no concept ${id}`);
    return c;
  }

  private conceptNode(id: string): GraphNode {
    return { id, kind: 'CONCEPT', label: this.concept(id).name };
  }
}

function repositoryNode(r: RepositoryRecord): GraphNode {
  return { id: r.id, kind: 'REPOSITORY', label: `${r.owner}/${r.name}` };
}

/** Lookup structures derived from the graph; rebuilt whole after each load or write. */
function buildIndex(graph: KgGraph) {
  const papers = new Map<string, PaperRecord>();
  const concepts = new Map<string, ConceptRecord>();
  const repositories = new Map<string, RepositoryRecord>();
  graph.forEachNode((_key, attrs) => {
    if (attrs.kind === 'PAPER') papers.set(attrs.record.id, attrs.record);
    else if (attrs.kind === 'CONCEPT') concepts.set(attrs.record.id, attrs.record);
    else repositories.set(attrs.record.id, attrs.record);
  });

  const mentionsByPaper = new Map<string, MentionRecord[]>();
  const mentionsByConcept = new Map<string, MentionRecord[]>();
  const reposByPaper = new Map<string, RepositoryRecord[]>();
  const papersByRepo = new Map<string, string[]>();
  const related = new Map<string, { other: string; sharedPapers: number; weight: number }[]>();
  const broader = new Map<string, string[]>();
  const narrower = new Map<string, string[]>();
  const adjacency = new Map<string, Set<string>>();
  const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const link = (a: string, b: string) => {
    if (!adjacency.has(a)) adjacency.set(a, new Set());
    adjacency.get(a)!.add(b);
  };
  let mentionCount = 0;

  graph.forEachEdge((_key, attrs) => {
    switch (attrs.kind) {
      case 'MENTIONS':
        mentionCount++;
        push(mentionsByPaper, attrs.record.paperId, attrs.record);
        push(mentionsByConcept, attrs.record.conceptId, attrs.record);
        break;
      case 'HAS_CODE': {
        const repo = repositories.get(attrs.record.repositoryId);
        if (repo) push(reposByPaper, attrs.record.paperId, repo);
        push(papersByRepo, attrs.record.repositoryId, attrs.record.paperId);
        break;
      }
      case 'RELATED_TO': {
        const { source, target, sharedPapers, weight } = attrs.record;
        push(related, source, { other: target, sharedPapers, weight });
        push(related, target, { other: source, sharedPapers, weight });
        link(source, target);
        link(target, source);
        break;
      }
      case 'BROADER':
        push(broader, attrs.record.narrower, attrs.record.broader);
        push(narrower, attrs.record.broader, attrs.record.narrower);
        link(attrs.record.narrower, attrs.record.broader);
        link(attrs.record.broader, attrs.record.narrower);
        break;
      default:
        assertNever(attrs);
    }
  });

  for (const list of mentionsByPaper.values()) list.sort((a, b) => b.confidence - a.confidence || compareIds(a.conceptId, b.conceptId));
  for (const list of mentionsByConcept.values()) list.sort((a, b) => compareIds(a.paperId, b.paperId));
  for (const list of reposByPaper.values()) list.sort((a, b) => compareIds(a.id, b.id));
  for (const list of papersByRepo.values()) list.sort(compareIds);
  for (const list of related.values()) {
    list.sort((a, b) => b.weight - a.weight || b.sharedPapers - a.sharedPapers || compareIds(a.other, b.other));
  }
  for (const list of broader.values()) list.sort(compareIds);
  for (const list of narrower.values()) list.sort(compareIds);
  const sortedAdjacency = new Map([...adjacency.entries()].map(([k, v]) => [k, [...v].sort(compareIds)]));

  const lookup = new Map<string, ConceptRecord[]>();
  const communities = new Map<number, ConceptRecord[]>();
  for (const concept of concepts.values()) {
    for (const key of conceptIndexKeys(concept)) push(lookup, key, concept);
    if (concept.community !== undefined) push(communities, concept.community, concept);
  }
  for (const list of communities.values()) list.sort(compareByRank);
  let searchIndex: SearchIndex | null = null;

  return {
    papers,
    concepts,
    repositories,
    mentionsByPaper,
    mentionsByConcept,
    reposByPaper,
    papersByRepo,
    related,
    broader,
    narrower,
    adjacency: sortedAdjacency,
    lookup,
    communities,
    mentionCount,
    /** The search index, built on first use. */
    search(): SearchIndex {
      searchIndex ??= new SearchIndex(papers.values(), concepts.values(), repositories.values());
      return searchIndex;
    },
  };
}

function assertNever(value: never): never {
  throw new Error(`unexpected edge kind: ${JSON.stringify(value)}`);
}
