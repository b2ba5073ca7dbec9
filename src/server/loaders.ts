import DataLoader from 'dataloader';
import type { ConceptRecord, MentionRecord, PaperRecord, RepositoryRecord } from '../model.js';
import type { GraphStore, RelatedConcept } from '../store/graph-store.js';

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
  private readonly relatedByFirst = new Map<number, DataLoader<string, RelatedConcept[]>>();

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
  }

  /** Related concepts, batched per distinct `first` argument. */
  related(first: number): DataLoader<string, RelatedConcept[]> {
    let loader = this.relatedByFirst.get(first);
    if (!loader) {
      loader = new DataLoader((ids) => this.store.relatedOfConcepts(ids, first));
      this.relatedByFirst.set(first, loader);
    }
    return loader;
  }
}
