import type { ConceptRecord, PaperRecord, RepositoryRecord } from '../model.js';
import { compareIds } from './ordering.js';
import {
  conceptNameFuzzyKeys,
  conceptSearchDoc,
  conceptTokens,
  MIN_PREFIX,
  paperSearchDoc,
  queryFuzzyKeys,
  repositoryTokens,
  type ConceptSearchDoc,
  type PaperSearchDoc,
  type SearchQuery,
} from './search-scoring.js';

/** Token -> ids, with prefix look-up over the sorted vocabulary. */
class TokenIndex {
  private readonly postings = new Map<string, string[]>();
  private vocabulary: string[] | null = null;

  add(token: string, id: string): void {
    const list = this.postings.get(token);
    if (list) list.push(id);
    else this.postings.set(token, [id]);
    this.vocabulary = null;
  }

  exact(token: string): readonly string[] {
    return this.postings.get(token) ?? [];
  }

  /** Ids of every token starting with `prefix`. */
  withPrefix(prefix: string): string[] {
    this.vocabulary ??= [...this.postings.keys()].sort(compareIds);
    const words = this.vocabulary;
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (words[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const ids: string[] = [];
    for (let i = lo; i < words.length && words[i]!.startsWith(prefix); i++) ids.push(...this.postings.get(words[i]!)!);
    return ids;
  }
}

/** Concepts and repositories a query can match (papers: {@link SearchIndex.paperHits}). */
export interface SearchCandidates {
  concepts: Set<string>;
  repositories: Set<string>;
}

/**
 * The embedded store's inverted index for `search`: exact tokens, prefixes and, for concept
 * names, typo keys. It finds every document the scorers of `search-scoring.ts` can score above
 * zero (and a few more), like the Neo4j full-text indexes do, and keeps each document's token
 * sets so scoring does not tokenise again.
 */
export class SearchIndex {
  private readonly titleTokens = new TokenIndex();
  private readonly abstractTokens = new TokenIndex();
  private readonly conceptTokens = new TokenIndex();
  private readonly conceptFuzzy = new TokenIndex();
  private readonly repositoryTokens = new TokenIndex();
  readonly paperDocs = new Map<string, PaperSearchDoc>();
  readonly conceptDocs = new Map<string, ConceptSearchDoc>();

  constructor(
    papers: Iterable<PaperRecord>,
    concepts: Iterable<ConceptRecord>,
    repositories: Iterable<RepositoryRecord>,
  ) {
    for (const paper of papers) {
      const doc = paperSearchDoc(paper);
      this.paperDocs.set(paper.id, doc);
      for (const t of doc.titleTokens) this.titleTokens.add(t, paper.id);
      for (const t of doc.abstractTokens) this.abstractTokens.add(t, paper.id);
    }
    // Concept names share most of their words: each distinct word's typo keys are made once.
    const fuzzyKeys = new Map<string, string[]>();
    for (const concept of concepts) {
      this.conceptDocs.set(concept.id, conceptSearchDoc(concept));
      const keys = new Set<string>();
      for (const t of conceptTokens(concept)) {
        this.conceptTokens.add(t, concept.id);
        let list = fuzzyKeys.get(t);
        if (!list) fuzzyKeys.set(t, (list = conceptNameFuzzyKeys(t)));
        for (const k of list) keys.add(k);
      }
      for (const k of keys) this.conceptFuzzy.add(k, concept.id);
    }
    for (const repo of repositories) {
      for (const t of repositoryTokens(repo)) this.repositoryTokens.add(t, repo.id);
    }
  }

  /**
   * The token hits `scorePaper` counts, for every paper with at least one, read from the
   * postings instead of each paper's token sets: per query token, title 2 (exact) or 1 (prefix),
   * abstract 1 or 0.5.
   */
  paperHits(q: SearchQuery): Map<string, number> {
    const hits = new Map<string, number>();
    const add = (index: TokenIndex, token: string, exact: number, prefix: number) => {
      const level = new Map<string, number>();
      if ([...token].length >= MIN_PREFIX) for (const id of index.withPrefix(token)) level.set(id, prefix);
      for (const id of index.exact(token)) level.set(id, exact);
      for (const [id, value] of level) hits.set(id, (hits.get(id) ?? 0) + value);
    };
    for (const t of q.tokens) {
      add(this.titleTokens, t, 2, 1);
      add(this.abstractTokens, t, 1, 0.5);
    }
    return hits;
  }

  candidates(q: SearchQuery): SearchCandidates {
    const out: SearchCandidates = { concepts: new Set(), repositories: new Set() };
    const collect = (index: TokenIndex, into: Set<string>, token: string) => {
      for (const id of index.exact(token)) into.add(id);
      if ([...token].length >= MIN_PREFIX) for (const id of index.withPrefix(token)) into.add(id);
    };
    for (const t of q.tokens) {
      collect(this.conceptTokens, out.concepts, t);
      collect(this.repositoryTokens, out.repositories, t);
      for (const key of queryFuzzyKeys(t)) for (const id of this.conceptFuzzy.exact(key)) out.concepts.add(id);
    }
    return out;
  }
}
