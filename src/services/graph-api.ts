import { apiError, badInput } from '../errors.js';
import { DuplicatePaperError, type IngestReport, type IngestService } from '../ingest/ingest-service.js';
import { paperInputProblems, toPaperSource, type PaperInput } from '../ingest/paper-input.js';
import { normaliseRepositoryUrl } from '../ingest/links/index.js';
import type { ConceptRecord, PaperRecord, RepositoryRecord } from '../model.js';
import type { ConceptOrder, GraphStore } from '../store/graph-store.js';
import { conceptLookupKeys } from '../store/lookup.js';
import { sentenceAround } from '../util/snippet.js';
import type { Loaders } from '../server/loaders.js';
import { intInRange, MAX_FIRST, numberInRange, pageRequest, text, toConnection } from './arguments.js';

/** Largest batch `ingestPapers` accepts in one call. */
export const MAX_INGEST_BATCH = 500;
const MAX_HOPS = 6;

export interface PaperFilterArgs {
  concept?: string | null;
  hasCode?: boolean | null;
  year?: number | null;
}

export interface ConceptFilterArgs {
  minPapers?: number | null;
  search?: string | null;
}

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

  async papers(first: number, after: string | null | undefined, filter: PaperFilterArgs | null | undefined) {
    const page = pageRequest(first, after);
    let conceptId: string | undefined;
    if (filter?.concept != null) {
      const concept = await this.findConcept('filter.concept', filter.concept);
      if (!concept) return toConnection<PaperRecord>({ totalCount: 0, items: [], offset: page.offset });
      conceptId = concept.id;
    }
    const year = filter?.year == null ? undefined : intInRange('filter.year', filter.year, 0, 9999);
    return toConnection(
      await this.store.listPapers(page, { conceptId, hasCode: filter?.hasCode ?? undefined, year }),
    );
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
    const page = pageRequest(first, after);
    const minPapers = filter?.minPapers == null ? undefined : intInRange('filter.minPapers', filter.minPapers, 0, 1e9);
    const nameContains = filter?.search == null ? undefined : text('filter.search', filter.search);
    return toConnection(await this.store.listConcepts(page, { minPapers, nameContains }, order));
  }

  async repository(url: string) {
    const repo = normaliseRepositoryUrl(text('url', url, 2_000));
    if (!repo) throw badInput('url', 'is not a code repository URL (e.g. github.com/owner/name)');
    return this.loaders.repository.load(repo.id);
  }

  async repositories(first: number, after: string | null | undefined) {
    return toConnection(await this.store.listRepositories(pageRequest(first, after)));
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

  stats() {
    return this.store.stats();
  }

  // ---- Paper fields ---------------------------------------------------------------------

  async paperConcepts(paper: PaperRecord) {
    const mentions = await this.loaders.mentionsOfPaper.load(paper.id);
    return mentions.map((m) => {
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
    return toConnection(await this.store.papersOfConcept(concept.id, includeNarrower, pageRequest(first, after)));
  }

  conceptRelated(concept: ConceptRecord, first: number) {
    return this.loaders.related(intInRange('first', first, 0, MAX_FIRST)).load(concept.id);
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

  conceptNeighbourhood(concept: ConceptRecord, depth: number, limit: number, minWeight: number) {
    return this.store.neighbourhood(concept.id, {
      depth: intInRange('depth', depth, 1, 3),
      limit: intInRange('limit', limit, 1, 500),
      minWeight: numberInRange('minWeight', minWeight, 0, 1),
    });
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
