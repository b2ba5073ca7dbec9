/**
 * Linking: once the concept set is known, every paper's title and abstract is scanned for every
 * name of every concept (LexiconMatcher: token trie, nested matches included), and bare acronyms
 * are resolved to a sense.
 */
import type { Span } from '../../model.js';
import { LexiconMatcher, compareSpans, maskDebris } from '../extract/index.js';
import type { AcronymTable, Draft } from './terms.js';

/** What one paper says about one draft. */
export interface Evidence {
  paper: number;
  draft: number;
  spans: Span[];
  inTitle: boolean;
  /** The paper defines the concept's acronym. */
  definedHere: boolean;
  /** Every span lies inside a longer match of another concept. */
  nestedOnly: boolean;
  /** Spans that do not lie inside a longer match of another concept. */
  standalone: number;
}

export interface LinkResult {
  /** Sorted by paper, then draft. */
  evidence: Evidence[];
  /** Per draft: surface form as written -> number of occurrences. */
  surfaces: Map<string, number>[];
}

/** Matcher values: a draft index (>= 0), or an acronym to resolve per paper (-1 - index into acronym list). */
function buildMatcher(drafts: readonly Draft[], acronymList: readonly string[]): LexiconMatcher<number> {
  const matcher = new LexiconMatcher<number>();
  drafts.forEach((d, i) => {
    if (d.kind === 'acronym' && d.written) matcher.addAcronym(d.written, i);
    else {
      matcher.addTokens(d.tokens, i);
      for (const v of d.variants) matcher.addTokens(v, i);
    }
  });
  acronymList.forEach((a, i) => matcher.addAcronym(a, -1 - i));
  return matcher;
}

/**
 * Links every paper to the drafts it mentions. A bare acronym resolves to the sense the paper
 * itself defines, otherwise to the corpus's most frequent sense.
 */
export function linkPapers(
  papers: ReadonlyArray<{ title: string; abstract: string }>,
  drafts: readonly Draft[],
  acronyms: AcronymTable,
): LinkResult {
  const draftByKey = new Map(drafts.map((d, i) => [d.key, i]));
  const acronymList = [...acronyms.senses.keys()].sort();
  const matcher = buildMatcher(drafts, acronymList);
  const surfaces = drafts.map(() => new Map<string, number>());
  const evidence: Evidence[] = [];

  papers.forEach((paper, p) => {
    const defined = acronyms.definedIn[p] ?? new Map<string, string>();
    const definedDrafts = new Set<number>();
    for (const key of defined.values()) {
      const i = draftByKey.get(key);
      if (i !== undefined) definedDrafts.add(i);
    }
    const found = new Map<number, Span[]>();
    const wordSpans: { draft: number; span: Span; length: number }[] = [];
    for (const field of ['title', 'abstract'] as const) {
      const text = paper[field];
      // URLs and markup are blanked (same length), so "github.com/x/graph-pruning" is no mention.
      for (const m of matcher.match(maskDebris(text))) {
        let draft = m.value;
        if (draft < 0) {
          const acronym = acronymList[-1 - draft] as string;
          const key = defined.get(acronym) ?? acronyms.senses.get(acronym)?.[0]?.key;
          const resolved = key === undefined ? undefined : draftByKey.get(key);
          if (resolved === undefined) continue;
          draft = resolved;
        }
        const span: Span = { field, start: m.start, end: m.end };
        const list = found.get(draft) ?? [];
        if (!list.some((s) => s.field === field && s.start === span.start && s.end === span.end)) {
          list.push(span);
          found.set(draft, list);
          // "conditional random field (CRF) layer" is written "conditional random field layer" as a name.
          const surface = text.slice(m.start, m.end).replace(/\s*\([^()\s]+\)(?=\s)/gu, '');
          const counts = surfaces[draft] as Map<string, number>;
          counts.set(surface, (counts.get(surface) ?? 0) + 1);
          if (!m.acronym) wordSpans.push({ draft, span, length: m.length });
        }
      }
    }
    for (const draft of [...found.keys()].sort((a, b) => a - b)) {
      // One occurrence matched by two names of a draft ("gradient boosting" inside its
      // wording "gradient boosting approach") counts once, as the longer match.
      const all = found.get(draft) as Span[];
      const spans = all
        .filter((s) => !all.some((o) => o !== s && o.field === s.field && o.start <= s.start && o.end >= s.end && o.end - o.start > s.end - s.start))
        .sort(compareSpans);
      const nested = (s: Span): boolean =>
        wordSpans.some(
          (w) => w.draft !== draft && w.span.field === s.field && w.span.start <= s.start && w.span.end >= s.end && w.span.end - w.span.start > s.end - s.start,
        );
      const standalone = spans.filter((s) => !nested(s)).length;
      const nestedOnly = standalone === 0;
      evidence.push({
        paper: p,
        draft,
        spans,
        inTitle: spans.some((s) => s.field === 'title'),
        definedHere: definedDrafts.has(draft),
        nestedOnly,
        standalone,
      });
    }
  });
  return { evidence, surfaces };
}
