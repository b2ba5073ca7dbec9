import DataLoader from 'dataloader';
import type { ConceptRecord, MentionRecord, PaperRecord, RepositoryRecord } from '../model.js';
import type { CommunityRecord, GraphStore, PairPapers, RelatedConcept } from '../store/graph-store.js';

/** Most evidence papers kept per concept pair; `GraphEdge.papers(first)` cuts from these. */
const PAIR_PAPERS = 100;

/**
 * Per-request DataLoaders: every field resolver asks through these, so a list of N items
 * costs one store call per field and level, not N. Never share them across requests.
 */
export class Loaders {
  readonly paper: DataLoader<string, PaperRecord | null>;
  readonly concept: DataLoader<string, ConceptRecord | null>;
  readonly repository: DataLoader<string, RepositoryRecord | null>;
  readonly mentionsOfPaper: DataLoader<string, MentionRecord[]>;
  readonly repositoriesOfPaper: DataLoader<string, RepositoryRecord[]>;
  readonly broader: DataLoader<string, ConceptRecord[]>;
  readonly narrower: DataLoader<string, ConceptRecord[]>;
  readonly repositoriesOfConcept: DataLoader<string, RepositoryRecord[]>;
  readonly papersOfRepository: DataLoader<string, PaperRecord[]>;
  readonly conceptsOfRepository: DataLoader<string, ConceptRecord[]>;
  readonly community: DataLoader<number, CommunityRecord | null>;
  /** Papers mentioning both concepts of a pair, keyed by "a\u0000b". */
  readonly pairPapers: DataLoader<string, PairPapers>;
  private readonly relatedBy = new Map<string, DataLoader<string, RelatedConcept[]>>();
  private readonly conceptsOfCommunityBy = new Map<number, DataLoader<number, ConceptRecord[]>>();
  private readonly papersOfCommunityBy = new Map<number, DataLoader<number, PaperRecord[]>>();

  constructor(private readonly store: GraphStore) {
    this.paper = new DataLoader((ids) => store.papersByIds(ids));
    this.concept = new DataLoader((ids) => store.conceptsByIds(ids));
    this.repository = new DataLoader((ids) => store.repositoriesByIds(ids));
    this.mentionsOfPaper = new DataLoader((ids) => store.mentionsOfPapers(ids));
    this.repositoriesOfPaper = new DataLoader((ids) => store.repositoriesOfPapers(ids));
    this.broader = new DataLoader((ids) => store.broaderOfConcepts(ids));
    this.narrower = new DataLoader((ids) => store.narrowerOfConcepts(ids));
    this.repositoriesOfConcept = new DataLoader((ids) => store.repositoriesOfConcepts(ids));
    this.papersOfRepository = new DataLoader((ids) => store.papersOfRepositories(ids));
    this.conceptsOfRepository = new DataLoader((ids) => store.conceptsOfRepositories(ids));
    this.community = new DataLoader((ids) => store.communitiesByIds(ids));
    this.pairPapers = new DataLoader((keys) =>
      store.papersOfConceptPairs(
        keys.map((key) => {
          const [a, b] = key.split('\u0000') as [string, string];
          return { a, b };
        }),
        PAIR_PAPERS,
      ),
    );
  }

  /** Related concepts, batched per distinct `first` and `minShared` arguments. */
  related(first: number, minShared = 1): DataLoader<string, RelatedConcept[]> {
    return cached(this.relatedBy, `${first}/${minShared}`, () =>
      new DataLoader((ids) => this.store.relatedOfConcepts(ids, first, minShared)),
    );
  }

  /** A community's most central concepts, batched per distinct `first`. */
  conceptsOfCommunity(first: number): DataLoader<number, ConceptRecord[]> {
    return cached(this.conceptsOfCommunityBy, first, () => new DataLoader((ids) => this.store.conceptsOfCommunities(ids, first)));
  }

  /** A community's papers, batched per distinct `first`. */
  papersOfCommunity(first: number): DataLoader<number, PaperRecord[]> {
    return cached(this.papersOfCommunityBy, first, () => new DataLoader((ids) => this.store.papersOfCommunities(ids, first)));
  }
}

function cached<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
