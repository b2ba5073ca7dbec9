/**
 * Lexicon matching: finds every occurrence of every known term in a text in one pass.
 *
 * Terms are stored in a trie over token keys (lower case, singular; see tokenKey), so matching is
 * case-, plural- and hyphen/space-insensitive and aligned to token boundaries. Each text position
 * walks the trie as far as the text allows and reports every term ending on the way, so terms
 * nested inside longer ones are found too ("random forest" inside "random forest
 * pruning"). Cost is linear in text tokens times the longest term, whatever
 * the lexicon's size. Acronyms are kept apart and compared case-sensitively, as whole tokens,
 * ignoring a plural "s" ("SVMs" is "SVM", "svm" is nothing); a hyphenated short form of several
 * tokens ("Glocal-IB") is matched like a term.
 */
import { acronymStem, tokenKey, wordTokens, type WordToken } from './tokenize.js';

const SOFT_GAP = /^[\s\-‐‑–/]*$/u;

interface TrieNode<V> {
  next: Map<string, TrieNode<V>>;
  values: V[];
}

export interface LexiconMatch<V> {
  value: V;
  /** Character offsets into the matched text, end exclusive. */
  start: number;
  end: number;
  /** Number of tokens matched. */
  length: number;
  /** True when the match came from the case-sensitive acronym table. */
  acronym: boolean;
}

export class LexiconMatcher<V> {
  private readonly root: TrieNode<V> = { next: new Map(), values: [] };
  private readonly acronyms = new Map<string, V[]>();
  private readonly keyCache = new Map<string, string>();

  /** Adds a term given as text ("multi-scale feature pyramid"); ignored if it has no tokens. */
  addTerm(term: string, value: V): void {
    this.addTokens(wordTokens(term).map((t) => tokenKey(t.text)), value);
  }

  /** Adds a term given as token keys. */
  addTokens(tokens: readonly string[], value: V): void {
    if (tokens.length === 0) return;
    let node = this.root;
    for (const t of tokens) {
      let child = node.next.get(t);
      if (!child) {
        child = { next: new Map(), values: [] };
        node.next.set(t, child);
      }
      node = child;
    }
    if (!node.values.includes(value)) node.values.push(value);
  }

  /** Adds an acronym, matched case-sensitively as a whole token (plural "s" allowed). */
  addAcronym(acronym: string, value: V): void {
    const parts = wordTokens(acronym);
    if (parts.length > 1) {
      // A hyphenated short form ("Glocal-IB") spans several tokens: matched like a term.
      this.addTokens(parts.map((t) => tokenKey(t.text)), value);
      return;
    }
    const list = this.acronyms.get(acronym) ?? [];
    if (!list.includes(value)) list.push(value);
    this.acronyms.set(acronym, list);
  }

  private key(token: string): string {
    let k = this.keyCache.get(token);
    if (k === undefined) {
      k = tokenKey(token);
      if (this.keyCache.size > 200_000) this.keyCache.clear();
      this.keyCache.set(token, k);
    }
    return k;
  }

  /** Every match in text, overlapping and nested ones included, ordered by start then length. */
  match(text: string): LexiconMatch<V>[] {
    const tokens: WordToken[] = wordTokens(text);
    const keys = tokens.map((t) => this.key(t.text));
    // A term never runs over punctuation other than hyphens, dashes and slashes.
    const joined = tokens.map((t, i) => i > 0 && SOFT_GAP.test(text.slice((tokens[i - 1] as WordToken).end, t.start)));
    // A token alone in parentheses right after a word ("layer" follows "conditional random field (CRF)")
    // can be stepped over, so the words around it still match as one term.
    const wrapped = tokens.map(
      (t, i) =>
        i > 0 && i + 1 < tokens.length &&
        /^\s*\($/u.test(text.slice((tokens[i - 1] as WordToken).end, t.start)) &&
        /^\)\s*$/u.test(text.slice(t.end, (tokens[i + 1] as WordToken).start)),
    );
    const out: LexiconMatch<V>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const first = tokens[i] as WordToken;
      const acronymValues = this.acronyms.get(acronymStem(first.text)) ?? this.acronyms.get(first.text);
      if (acronymValues) {
        for (const value of acronymValues) out.push({ value, start: first.start, end: first.end, length: 1, acronym: true });
      }
      let node: TrieNode<V> | undefined = this.root;
      for (let j = i, length = 1; j < tokens.length && node; length++) {
        node = node.next.get(keys[j] as string);
        if (!node) break;
        for (const value of node.values) {
          out.push({ value, start: first.start, end: (tokens[j] as WordToken).end, length, acronym: false });
        }
        let k = j + 1;
        if (wrapped[k]) k++;
        else if (k < tokens.length && !joined[k]) break;
        j = k;
      }
    }
    return out;
  }
}
