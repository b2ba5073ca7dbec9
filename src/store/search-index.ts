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
    if (list) {
      list.push(id);
      return;
    }
    this.postings.set(token, [id]);
    // A vocabulary already sorted takes the new word in place (a search for it and a move of the
    // words after it) rather than being sorted again whole.
    if (this.vocabulary) this.vocabulary.splice(this.position(token), 0, token);
  }

  /** Takes `id` off the postings of `token` (every occurrence); a word left with none leaves the vocabulary. */
  remove(token: string, id: string): void {
    const list = this.postings.get(token);
    if (!list) return;
    let kept = 0;
    for (const other of list) if (other !== id) list[kept++] = other;
    list.length = kept;
    if (kept > 0) return;
    this.postings.delete(token);
    if (this.vocabulary) this.vocabulary.splice(this.position(token), 1);
  }

  /** Where `word` is or would be in the sorted vocabulary. */
  private position(word: string): number {
    const words = this.vocabulary!;
    let lo = 0;
    let hi = words.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (words[mid]! < word) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  exact(token: string): readonly string[] {
    return this.postings.get(token) ?? [];
  }

  /** Ids of every token starting with `prefix`. */
  withPrefix(prefix: string): string[] {
    this.vocabulary ??= [...this.postings.keys()].sort(compareIds);
    const words = this.vocabulary;
    const ids: string[] = [];
    for (let i = this.position(prefix); i < words.length && words[i]!.startsWith(prefix); i++) ids.push(...this.postings.get(words[i]!)!);
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
    for (const paper of papers) this.addPaper(paper);
    // Concept names share most of their words: each distinct word's typo keys are made once.
    const fuzzyKeys = new Map<string, string[]>();
    for (const concept of concepts) this.addConcept(concept, fuzzyKeys);
    for (const repo of repositories) this.addRepository(repo);
  }

  /**
   * Indexes `paper` in place of `old` (the record it replaces, if any). Only the words one of the
   * two versions lacks are touched, so a paper changing a few words costs a few postings, not
   * one per word (the postings of common words are long).
   */
  putPaper(paper: PaperRecord, old?: PaperRecord): void {
    if (!old) {
      this.addPaper(paper);
      return;
    }
    const before = this.paperDocs.get(old.id);
    const doc = paperSearchDoc(paper);
    this.paperDocs.set(paper.id, doc);
    if (before) {
      swapTokens(this.titleTokens, paper.id, before.titleTokens, doc.titleTokens);
      swapTokens(this.abstractTokens, paper.id, before.abstractTokens, doc.abstractTokens);
    }
  }

  /** Indexes `concept` in place of `old` (the record it replaces, if any); see {@link putPaper}. */
  putConcept(concept: ConceptRecord, old?: ConceptRecord): void {
    if (!old) {
      this.addConcept(concept, new Map());
      return;
    }
    this.conceptDocs.set(concept.id, conceptSearchDoc(concept));
    const [before, after] = [new Set(conceptTokens(old)), new Set(conceptTokens(concept))];
    // Most replacements change counts, not names: then no posting changes.
    if (before.size === after.size && [...before].every((t) => after.has(t))) return;
    swapTokens(this.conceptTokens, concept.id, before, after);
    const fuzzy = (tokens: Set<string>) => new Set([...tokens].flatMap(conceptNameFuzzyKeys));
    swapTokens(this.conceptFuzzy, concept.id, fuzzy(before), fuzzy(after));
  }

  /** Indexes `repo` in place of `old` (the record it replaces, if any). */
  putRepository(repo: RepositoryRecord, old?: RepositoryRecord): void {
    if (!old) {
      this.addRepository(repo);
      return;
    }
    swapTokens(this.repositoryTokens, repo.id, new Set(repositoryTokens(old)), new Set(repositoryTokens(repo)));
  }

  private addPaper(paper: PaperRecord): void {
    const doc = paperSearchDoc(paper);
    this.paperDocs.set(paper.id, doc);
    for (const t of doc.titleTokens) this.titleTokens.add(t, paper.id);
    for (const t of doc.abstractTokens) this.abstractTokens.add(t, paper.id);
  }

  private addConcept(concept: ConceptRecord, fuzzyKeys: Map<string, string[]>): void {
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

  private addRepository(repo: RepositoryRecord): void {
    for (const t of repositoryTokens(repo)) this.repositoryTokens.add(t, repo.id);
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

/** Moves `id` from the postings of the words only `before` has to those only `after` has. */
function swapTokens(index: TokenIndex, id: string, before: ReadonlySet<string>, after: ReadonlySet<string>): void {
  for (const t of before) if (!after.has(t)) index.remove(t, id);
  for (const t of after) if (!before.has(t)) index.add(t, id);
}
