import { apiError, badInput } from '../errors.js';
import { DuplicatePaperError, type IngestReport, type IngestService } from '../ingest/ingest-service.js';
import { paperInputProblems, toPaperSource, type PaperInput } from '../ingest/paper-input.js';
import { normaliseRepositoryUrl } from '../ingest/links/index.js';
import { layoutKey, layoutSubgraph } from '../graph/layout.js';
import type { ConceptRecord, PaperRecord, RepositoryRecord } from '../model.js';
import type { CommunityRecord, ConceptOrder, GraphEdge, GraphNode, GraphStore, PaperOrder } from '../store/graph-store.js';
import { conceptLookupKeys } from '../store/lookup.js';
import { sentenceAround } from '../util/snippet.js';
import type { Loaders } from '../server/loaders.js';
import { intInRange, MAX_FIRST, numberInRange, text } from './arguments.js';
import { emptyConnection, listRequest, toListConnection, type CursorSpec } from './cursors.js';

/** Largest batch `ingestPapers` accepts in one call. */
export const MAX_INGEST_BATCH = 500;
const MAX_HOPS = 6;
/** Most ids or names a batch lookup (`papersByIds`, `conceptsByNames`) takes. */
export const MAX_BATCH_LOOKUP = 100;
/** Most concepts `filter.allConcepts` takes. */
const MAX_FILTER_CONCEPTS = 20;
/** Most alternatives `paths` returns. */
const MAX_PATHS = 20;
/** Most concepts (and papers) a neighbourhood holds. */
const MAX_NEIGHBOURHOOD = 500;

export interface PaperFilterArgs {
  concept?: string | null;
  allConcepts?: string[] | null;
  hasCode?: boolean | null;
  year?: number | null;
  search?: string | null;
}

export interface ConceptFilterArgs {
  minPapers?: number | null;
  search?: string | null;
  community?: number | null;
}

/** A subgraph node as served: with layout coordinates when they were asked for. */
export type ServedNode = GraphNode & { x?: number | null; y?: number | null };

/** Node kinds a neighbourhood may include. */
export type NeighbourhoodKind = 'CONCEPT' | 'PAPER' | 'REPOSITORY';

const PAPER_CURSORS: Record<PaperOrder, CursorSpec> = {
  ID_ASC: { list: 'papers:ID_ASC', values: [] },
  TITLE_ASC: { list: 'papers:TITLE_ASC', values: ['string'] },
  YEAR_DESC: { list: 'papers:YEAR_DESC', values: ['number'] },
  RELEVANCE: { list: 'papers:RELEVANCE', values: ['number'] },
};
const CONCEPT_CURSORS: Record<ConceptOrder, CursorSpec> = {
  PAPER_COUNT_DESC: { list: 'concepts:PAPER_COUNT_DESC', values: ['number'] },
  NAME_ASC: { list: 'concepts:NAME_ASC', values: ['string'] },
  RANK_DESC: { list: 'concepts:RANK_DESC', values: ['number'] },
};
const REPOSITORY_CURSOR: CursorSpec = { list: 'repositories:ID_ASC', values: [] };
const COMMUNITY_CURSOR: CursorSpec = { list: 'communities:ID_ASC', values: ['number'] };
const CONCEPT_PAPERS_CURSOR: CursorSpec = { list: 'concept-papers:CONFIDENCE_DESC', values: ['number'] };

/**
 * What the resolvers call: validates arguments (BAD_USER_INPUT naming the argument and rule),
 * asks the store through the request's loaders, and shapes results for the schema.
 * One instance per request.
 */
export class GraphApi {
  constructor(
    private readonly store: GraphStore,
    private readonly loaders: Loaders,
    private readonly ingestService: IngestService,
    private readonly admin: AdminCheck,
  ) {}

  // ---- root queries ---------------------------------------------------------------------

  paper(id: string) {
    return this.loaders.paper.load(text('id', id));
  }

  async papers(
    first: number,
    after: string | null | undefined,
    filter: PaperFilterArgs | null | undefined,
    order: PaperOrder = 'ID_ASC',
  ) {
    const spec = PAPER_CURSORS[order];
    const page = listRequest(spec, first, after);
    const search = filter?.search == null ? undefined : text('filter.search', filter.search);
    if (order === 'RELEVANCE' && search === undefined) throw badInput('orderBy', 'RELEVANCE needs filter.search');
    const year = filter?.year == null ? undefined : intInRange('filter.year', filter.year, 0, 9999);
    const names: { argument: string; name: string }[] = [];
    if (filter?.concept != null) names.push({ argument: 'filter.concept', name: filter.concept });
    if (filter?.allConcepts != null) {
      if (filter.allConcepts.length > MAX_FILTER_CONCEPTS) {
        throw badInput('filter.allConcepts', `at most ${MAX_FILTER_CONCEPTS} concepts, got ${filter.allConcepts.length}`);
      }
      filter.allConcepts.forEach((name, i) => names.push({ argument: `filter.allConcepts[${i}]`, name }));
    }
    let conceptIds: string[] | undefined;
    if (names.length > 0) {
      const found = await this.store.conceptsByLookupKeys(names.map((n) => conceptLookupKeys(text(n.argument, n.name))));
      // A concept nobody mentions cannot be mentioned by a paper: nothing matches.
      if (found.some((c) => c === null)) return emptyConnection<PaperRecord>();
      conceptIds = [...new Set(found.map((c) => c!.id))];
    }
    const listed = await this.store.listPapers(page, { conceptIds, hasCode: filter?.hasCode ?? undefined, year, search }, order);
    return toListConnection(spec, listed);
  }

  async concept(id: string | null | undefined, name: string | null | undefined) {
    if ((id == null) === (name == null)) throw badInput('concept', 'give exactly one of "id" or "name"');
    if (id != null) return this.loaders.concept.load(text('id', id));
    return this.findConcept('name', name!);
  }

  async concepts(
    first: number,
    after: string | null | undefined,
    filter: ConceptFilterArgs | null | undefined,
    order: ConceptOrder,
  ) {
    const spec = CONCEPT_CURSORS[order];
    const page = listRequest(spec, first, after);
    const minPapers = filter?.minPapers == null ? undefined : intInRange('filter.minPapers', filter.minPapers, 0, 1e9);
    const nameContains = filter?.search == null ? undefined : text('filter.search', filter.search);
    const community = filter?.community == null ? undefined : intInRange('filter.community', filter.community, 1, 1e9);
    return toListConnection(spec, await this.store.listConcepts(page, { minPapers, nameContains, community }, order));
  }

  /** Papers by id, aligned with `ids` (null for an unknown id). */
  async papersByIds(ids: string[]) {
    if (ids.length > MAX_BATCH_LOOKUP) throw badInput('ids', `at most ${MAX_BATCH_LOOKUP} ids, got ${ids.length}`);
    const found = await this.loaders.paper.loadMany(ids.map((id, i) => text(`ids[${i}]`, id)));
    return found.map((p) => {
      if (p instanceof Error) throw p;
      return p;
    });
  }

  /** Concepts by name, alias or acronym, aligned with `names` (null for an unknown name). */
  conceptsByNames(names: string[]) {
    if (names.length > MAX_BATCH_LOOKUP) throw badInput('names', `at most ${MAX_BATCH_LOOKUP} names, got ${names.length}`);
    return this.store.conceptsByLookupKeys(names.map((name, i) => conceptLookupKeys(text(`names[${i}]`, name))));
  }

  async communities(first: number, after: string | null | undefined) {
    return toListConnection(COMMUNITY_CURSOR, await this.store.listCommunities(listRequest(COMMUNITY_CURSOR, first, after)));
  }

  community(id: number) {
    return this.loaders.community.load(intInRange('id', id, 1, 1e9));
  }

  async repository(url: string) {
    const repo = normaliseRepositoryUrl(text('url', url, 2_000));
    if (!repo) throw badInput('url', 'is not a code repository URL (e.g. github.com/owner/name)');
    return this.loaders.repository.load(repo.id);
  }

  async repositories(first: number, after: string | null | undefined) {
    return toListConnection(REPOSITORY_CURSOR, await this.store.listRepositories(listRequest(REPOSITORY_CURSOR, first, after)));
  }

  search(query: string, first: number) {
    return this.store.search(text('query', query), intInRange('first', first, 0, MAX_FIRST));
  }

  async path(from: string, to: string, maxHops: number) {
    intInRange('maxHops', maxHops, 0, MAX_HOPS);
    const [a, b] = await Promise.all([this.findConcept('from', from), this.findConcept('to', to)]);
    if (!a) throw apiError('NOT_FOUND', `from: no concept is named "${from}"`, { argumentName: 'from' });
    if (!b) throw apiError('NOT_FOUND', `to: no concept is named "${to}"`, { argumentName: 'to' });
    return this.store.path(a.id, b.id, maxHops);
  }

  async paths(from: string, to: string, maxHops: number, first: number) {
    intInRange('maxHops', maxHops, 0, MAX_HOPS);
    intInRange('first', first, 0, MAX_PATHS);
    const [a, b] = await Promise.all([this.findConcept('from', from), this.findConcept('to', to)]);
    if (!a) throw apiError('NOT_FOUND', `from: no concept is named "${from}"`, { argumentName: 'from' });
    if (!b) throw apiError('NOT_FOUND', `to: no concept is named "${to}"`, { argumentName: 'to' });
    return this.store.paths(a.id, b.id, maxHops, first);
  }

  stats() {
    return this.store.stats();
  }

  // ---- Paper fields ---------------------------------------------------------------------

  async paperConcepts(paper: PaperRecord, first: number | null = null) {
    const limit = first === null ? Infinity : intInRange('first', first, 0, MAX_FIRST);
    const mentions = await this.loaders.mentionsOfPaper.load(paper.id);
    return mentions.slice(0, limit).map((m) => {
      const span = m.spans[0];
      const source = span?.field === 'title' ? paper.title : paper.abstract;
      return { ...m, snippet: span ? sentenceAround(source, span.start) : '' };
    });
  }

  paperRepositories(paper: PaperRecord) {
    return this.loaders.repositoriesOfPaper.load(paper.id);
  }

  paperSimilar(paper: PaperRecord, first: number) {
    return this.store.similarPapers(paper.id, intInRange('first', first, 0, MAX_FIRST));
  }

  async conceptsByIds(ids: string[]): Promise<ConceptRecord[]> {
    const found = await this.loaders.concept.loadMany(ids);
    return found.filter((c): c is ConceptRecord => c !== null && !(c instanceof Error));
  }

  async conceptOf(conceptId: string): Promise<ConceptRecord> {
    const concept = await this.loaders.concept.load(conceptId);
    if (!concept) throw new Error(`mention of a missing concept ${conceptId}`);
    return concept;
  }

  // ---- Concept fields -------------------------------------------------------------------

  async conceptPapers(concept: ConceptRecord, first: number, after: string | null | undefined, includeNarrower: boolean) {
    const page = listRequest(CONCEPT_PAPERS_CURSOR, first, after);
    return toListConnection(CONCEPT_PAPERS_CURSOR, await this.store.papersOfConcept(concept.id, includeNarrower, page));
  }

  conceptRelated(concept: ConceptRecord, first: number, minShared = 1) {
    return this.loaders
      .related(intInRange('first', first, 0, MAX_FIRST), intInRange('minShared', minShared, 1, 1e9))
      .load(concept.id);
  }

  conceptBroader(concept: ConceptRecord) {
    return this.loaders.broader.load(concept.id);
  }

  conceptNarrower(concept: ConceptRecord) {
    return this.loaders.narrower.load(concept.id);
  }

  conceptRepositories(concept: ConceptRecord) {
    return this.loaders.repositoriesOfConcept.load(concept.id);
  }

  async conceptNeighbourhood(
    concept: ConceptRecord,
    depth: number,
    limit: number,
    minWeight: number,
    options: { perHop?: number | null; include?: readonly NeighbourhoodKind[] | null; layout?: boolean | null } = {},
  ) {
    const include = new Set(options.include ?? ['CONCEPT']);
    if (!include.has('CONCEPT')) throw badInput('include', 'must include CONCEPT');
    if (include.has('REPOSITORY') && !include.has('PAPER')) {
      throw badInput('include', 'REPOSITORY needs PAPER: repositories join the subgraph through the papers citing them');
    }
    const subgraph = await this.store.neighbourhood(concept.id, {
      depth: intInRange('depth', depth, 1, 3),
      limit: intInRange('limit', limit, 1, MAX_NEIGHBOURHOOD),
      minWeight: numberInRange('minWeight', minWeight, 0, 1),
      perHop: options.perHop == null ? null : intInRange('perHop', options.perHop, 1, MAX_NEIGHBOURHOOD),
      papers: include.has('PAPER'),
      repositories: include.has('REPOSITORY'),
    });
    if (!options.layout) return subgraph;
    const points = layoutSubgraph(subgraph);
    const nodes: ServedNode[] = subgraph.nodes.map((n) => ({ ...n, ...points.get(layoutKey(n)) }));
    return { nodes, edges: subgraph.edges };
  }

  // ---- Community fields -----------------------------------------------------------------

  communityConcepts(community: CommunityRecord, first: number) {
    return this.loaders.conceptsOfCommunity(intInRange('first', first, 0, MAX_FIRST)).load(community.id);
  }

  communityPapers(community: CommunityRecord, first: number) {
    return this.loaders.papersOfCommunity(intInRange('first', first, 0, MAX_FIRST)).load(community.id);
  }

  /** The name of the community's most central concept. */
  async communityLabel(community: CommunityRecord): Promise<string> {
    const [top] = await this.loaders.conceptsOfCommunity(1).load(community.id);
    return top?.name ?? '';
  }

  // ---- GraphEdge fields -----------------------------------------------------------------

  /**
   * The papers an edge stands for. RELATED_TO: papers mentioning both concepts; BROADER: the
   * same, or, when none does, the narrower concept's papers (its name nests the broader one);
   * MENTIONS and HAS_CODE: the paper itself.
   */
  async edgePapers(edge: GraphEdge, first: number): Promise<{ total: number; papers: PaperRecord[] }> {
    intInRange('first', first, 0, MAX_FIRST);
    if (edge.kind === 'MENTIONS' || edge.kind === 'HAS_CODE') {
      const paper = await this.loaders.paper.load(edge.source);
      return { total: paper ? 1 : 0, papers: paper && first > 0 ? [paper] : [] };
    }
    const both = await this.loaders.pairPapers.load(`${edge.source}\u0000${edge.target}`);
    if (both.total > 0 || edge.kind !== 'BROADER') return { total: both.total, papers: both.papers.slice(0, first) };
    const narrower = await this.store.papersOfConcept(edge.source, false, { first, after: null });
    return { total: narrower.totalCount, papers: narrower.items };
  }

  /** Rank and community of a concept node (null for other kinds). */
  async nodeConcept(node: GraphNode): Promise<ConceptRecord | null> {
    return node.kind === 'CONCEPT' ? this.loaders.concept.load(node.id) : null;
  }

  // ---- Repository fields ----------------------------------------------------------------

  repositoryPapers(repo: RepositoryRecord) {
    return this.loaders.papersOfRepository.load(repo.id);
  }

  repositoryConcepts(repo: RepositoryRecord) {
    return this.loaders.conceptsOfRepository.load(repo.id);
  }

  // ---- mutations ------------------------------------------------------------------------

  async ingestPapers(inputs: PaperInput[]): Promise<IngestReport> {
    this.admin.require();
    if (inputs.length === 0) throw badInput('papers', 'must hold at least one paper');
    if (inputs.length > MAX_INGEST_BATCH) {
      throw badInput('papers', `at most ${MAX_INGEST_BATCH} papers per call, got ${inputs.length}`);
    }
    const problems = inputs.flatMap((input, i) => paperInputProblems(input).map((p) => `papers[${i}].${p}`));
    if (problems.length > 0) throw badInput('papers', problems.slice(0, 20).join('; '));
    try {
      return await this.ingestService.ingest(inputs.map((input) => toPaperSource(input, 'api')));
    } catch (error) {
      if (error instanceof DuplicatePaperError) throw badInput('papers', error.message);
      throw error;
    }
  }

  deletePaper(id: string) {
    this.admin.require();
    return this.ingestService.deletePaper(text('id', id));
  }

  // ---- helpers --------------------------------------------------------------------------

  private findConcept(argumentName: string, name: string) {
    return this.store.conceptByLookupKeys(conceptLookupKeys(text(argumentName, name)));
  }
}

/** Whether the request may run mutations; throws the right error when not. */
export interface AdminCheck {
  require(): void;
}
