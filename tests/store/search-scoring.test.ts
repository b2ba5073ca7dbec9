import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kShortestPaths } from '../../src/store/algorithms.js';
import { compareKeys, keysetPage } from '../../src/store/paging.js';
import {
  conceptNameFuzzyKeys,
  conceptSearchDoc,
  deletionKeys,
  editDistance,
  parseSearchQuery,
  queryFuzzyKeys,
  scoreConcept,
} from '../../src/store/search-scoring.js';

describe('typo matching', () => {
  it('counts insertions, deletions, substitutions and swaps of neighbours as one edit', () => {
    expect(editDistance('bottlenck', 'bottleneck', 2)).toBe(1);
    expect(editDistance('botlteneck', 'bottleneck', 2)).toBe(1);
    expect(editDistance('bottleneek', 'bottleneck', 2)).toBe(1);
    expect(editDistance('informaton', 'information', 2)).toBe(1);
    expect(editDistance('abc', 'xyz', 1)).toBe(2);
  });

  it('finds every name token a query token can reach through shared deletion keys', () => {
    const words = ['bottleneck', 'attention', 'diffusion', 'latent', 'model', 'kv', 'cache', 'transformer'];
    const typos = ['bottlenck', 'atention', 'difusion', 'latnet', 'modle', 'cahce', 'transfromer', 'tranformers'];
    for (const q of typos) {
      const keys = new Set(queryFuzzyKeys(q));
      for (const w of words) {
        const allowed = q.length >= 8 ? 2 : q.length >= 4 ? 1 : 0;
        const reachable = editDistance(q, w, allowed) <= allowed;
        const shared = conceptNameFuzzyKeys(w).some((k) => keys.has(k));
        if (reachable) expect(shared, `${q} -> ${w}`).toBe(true);
      }
    }
    expect(queryFuzzyKeys('abc')).toEqual([]);
    expect(deletionKeys('abc', 1)).toEqual(['ab', 'abc', 'ac', 'bc']);
  });

  it('ranks an exact name first, then a name the typo fully covers', () => {
    const score = (query: string, name: string) => scoreConcept(parseSearchQuery(query), conceptSearchDoc({ name, aliases: [name] }));
    expect(score('bottleneck', 'bottleneck')).toBe(3);
    expect(score('bottlenck', 'bottleneck')).toBeGreaterThan(score('bottlenck', 'information bottleneck'));
    expect(score('bottlen', 'information bottleneck')).toBeGreaterThan(score('bottlenck', 'information bottleneck'));
    expect(score('bo', 'bottleneck')).toBe(0);
  });
});

describe('k shortest paths', () => {
  const graph: Record<string, string[]> = { a: ['b', 'c'], b: ['a', 'd'], c: ['a', 'd', 'e'], d: ['b', 'c', 'f'], e: ['c', 'f'], f: ['d', 'e'] };
  const neighbours = async (ids: string[]) => new Map(ids.map((id) => [id, graph[id] ?? []]));

  it('lists loopless paths shortest first, equal lengths by node ids', async () => {
    expect(await kShortestPaths('a', 'f', 6, 10, neighbours)).toEqual([
      ['a', 'b', 'd', 'f'],
      ['a', 'c', 'd', 'f'],
      ['a', 'c', 'e', 'f'],
      ['a', 'b', 'd', 'c', 'e', 'f'],
    ]);
    expect(await kShortestPaths('a', 'f', 3, 10, neighbours)).toHaveLength(3);
    expect(await kShortestPaths('a', 'f', 2, 10, neighbours)).toEqual([]);
  });

  it('reads one level of neighbours at a time from both ends together', async () => {
    const asked: string[][] = [];
    const paths = await kShortestPaths('a', 'f', 4, 10, async (ids) => {
      asked.push([...ids]);
      return neighbours(ids);
    });
    expect(asked).toEqual([['a', 'f'], ['b', 'c', 'd', 'e']]);
    expect(paths).toEqual([['a', 'b', 'd', 'f'], ['a', 'c', 'd', 'f'], ['a', 'c', 'e', 'f']]);
  });

  it('finds the same paths as a search over the whole graph, for every pair and bound', async () => {
    // Reference: every loopless path by depth-first search, sorted shortest first, then by ids.
    const all = (from: string, to: string, max: number) => {
      const out: string[][] = [];
      const walk = (path: string[]) => {
        const last = path[path.length - 1]!;
        if (last === to) return void out.push(path);
        if (path.length > max) return;
        for (const n of [...(graph[last] ?? [])].sort()) if (!path.includes(n)) walk([...path, n]);
      };
      walk([from]);
      return out.sort((x, y) => x.length - y.length || (x.join(' ') < y.join(' ') ? -1 : 1));
    };
    const ids = Object.keys(graph);
    for (const from of ids) {
      for (const to of ids) {
        if (from === to) continue;
        for (const max of [1, 2, 3, 4, 5]) {
          expect(await kShortestPaths(from, to, max, 50, neighbours), `${from}->${to} in ${max}`).toEqual(all(from, to, max));
        }
      }
    }
  });
});

describe('keyset pages', () => {
  const entries = [3, 1, 2, 2].map((v, i) => ({ item: i, key: { values: [v], id: `id-${i}` } }));

  it('orders by the key values, then id, and starts after the given key', () => {
    const all = keysetPage(entries, ['DESC'], { first: 10, after: null });
    expect(all.items).toEqual([0, 2, 3, 1]);
    const after = keysetPage(entries, ['DESC'], { first: 1, after: { values: [2], id: 'id-2' } });
    expect([after.items, after.hasNextPage, after.totalCount]).toEqual([[3], true, 4]);
    expect(compareKeys(['ASC'], { values: ['b'], id: 'x' }, { values: ['a'], id: 'y' })).toBeGreaterThan(0);
  });
});

describe('paper scores from the inverted index', () => {
  it('counts the same token hits as scorePaper reads from each paper, for exact, prefix and phrase queries', async () => {
    const { SearchIndex } = await import('../../src/store/search-index.js');
    const { paperScoreOfHits, paperSearchDoc, scorePaper } = await import('../../src/store/search-scoring.js');
    const papers = [
      { id: 'p1', title: 'Information Bottleneck for Deep Networks', abstract: 'We study the information bottleneck of networks.' },
      { id: 'p2', title: 'Bottlenecks in Attention', abstract: 'Attention layers form a bottleneck; deep attention helps.' },
      { id: 'p3', title: 'Diffusion Models', abstract: 'Latent diffusion models denoise in a latent space of information.' },
      { id: 'p4', title: 'Informal Notes', abstract: 'Nothing about bottle necks here, only informatics.' },
    ].map((p) => ({ ...p, contentHash: p.id, source: 'test', url: null, year: null }));
    const index = new SearchIndex(papers as never, [], []);
    const queries = ['bottleneck', 'bottle', 'inform', 'information bottleneck', 'deep attention', 'latent space', 'diffusion models', 'xyz', 'in'];
    for (const query of queries) {
      const q = parseSearchQuery(query);
      const hits = index.paperHits(q);
      for (const p of papers) {
        const expected = scorePaper(q, paperSearchDoc(p));
        const got = paperScoreOfHits(q, p, hits.get(p.id) ?? 0);
        expect(got, `${query} / ${p.id}`).toBe(expected);
      }
    }
    expect([...index.paperHits(parseSearchQuery('inform')).keys()].sort()).toEqual(['p1', 'p3', 'p4']);
  });
});

/** Ranked paper hits as [id, hits, most phrase bonus] rows. */
const listed = (r: { length: number; id(i: number): string; hits(i: number): number; bonusBound(i: number): number }) =>
  Array.from({ length: r.length }, (_, i) => [r.id(i), r.hits(i), r.bonusBound(i)] as [string, number, number]);

describe('phrase bonus bounds from the inverted index', () => {
  it('never bounds a paper below the phrase bonus it gets, and lists papers by the most they can score', async () => {
    const { SearchIndex } = await import('../../src/store/search-index.js');
    const { paperSearchDoc, scorePaper } = await import('../../src/store/search-scoring.js');
    const texts: [string, string][] = [
      ['Remodel handles for meshes', 'We remodel handle sets of meshes.'],
      ['Mesh handle graphs', 'A model handle and a graph-based model.'],
      ['Graph-based model checking', 'Graph based models check the state of the art in model checking.'],
      ['State-of-the-art parsing', 'The state of the art and the art of the state.'],
      ['Deep RL agents', 'Deep rl with deep rlhf and deep rules.'],
      ['Nothing to see', 'Unrelated words only.'],
    ];
    const papers = texts.map(([title, abstract], i) => ({ id: `p${i}`, title, abstract, contentHash: `h${i}`, source: 'test', url: null, year: null }));
    const index = new SearchIndex(papers as never, [], []);
    const queries = ['model handle', 'odel handle', 'graph-based model', 'state of the art', 'the art of the state', 'deep rl', 'deep r', 'mesh handles', 'remodel handle sets'];
    for (const query of queries) {
      const q = parseSearchQuery(query);
      const ranked = listed(index.rankedPaperHits(q));
      const most = ranked.map(([, hits, bonus]) => hits / (3 * q.tokens.length) + bonus);
      expect(most, query).toEqual([...most].sort((a, b) => b - a));
      for (const p of papers) {
        const actual = scorePaper(q, paperSearchDoc(p));
        const entry = ranked.find(([id]) => id === p.id);
        if (!entry) {
          expect(actual, `${query} / ${p.id}`).toBe(0);
          continue;
        }
        const [, hits, bonus] = entry;
        const base = hits / (3 * q.tokens.length);
        expect(actual - base, `${query} / ${p.id}`).toBeLessThanOrEqual(bonus + 1e-12);
      }
    }
    // Restricted to papers whose title can hold the phrase: every paper with the phrase in its
    // title is there with the same hits and bound, and no paper whose title words rule it out.
    for (const query of queries) {
      const q = parseSearchQuery(query);
      const all = new Map(listed(index.rankedPaperHits(q)).map(([id, hits, bonus]) => [id, [hits, bonus]]));
      const titled = listed(index.rankedPaperHits(q, { titlePhrase: true }));
      for (const [id, hits, bonus] of titled) {
        expect([hits, bonus], `${query} / ${id}`).toEqual(all.get(id));
        expect(bonus, `${query} / ${id}`).toBe(q.tokens.length > 1 ? 1 : 0);
      }
      const withPhrase = papers.filter((p) => q.tokens.length > 1 && p.title.toLowerCase().includes(q.phrase)).map((p) => p.id);
      expect(titled.map(([id]) => id).filter((id) => withPhrase.includes(id)).sort(), query).toEqual(withPhrase.sort());
    }
    // A short last word whose words would be read for its need alone is left out when they are
    // far more than its own postings: the bounds are looser, the papers the same.
    const many = Array.from({ length: 3000 }, (_, i) => ({
      id: `m${i}`,
      title: i % 2 ? 'Deep learning agents' : 'Deep reinforcement learning',
      abstract: `Words ${i}: random rollouts reach rewards.`,
      contentHash: `m${i}`,
      source: 'test',
      url: null,
      year: null,
    }));
    const big = new SearchIndex(many as never, [], []);
    const deepR = parseSearchQuery('deep r');
    const ranked = listed(big.rankedPaperHits(deepR));
    expect(ranked).toHaveLength(3000);
    expect(new Set(ranked.map(([, , bonus]) => bonus))).toEqual(new Set([1]));
    for (const [id, hits, bonus] of listed(big.rankedPaperHits(deepR, { titlePhrase: true }))) expect([hits, bonus], id).toEqual([ranked.find(([other]) => other === id)![1], 1]);
    expect(listed(big.rankedPaperHits(deepR, { titlePhrase: true }))).toHaveLength(3000);
    // Restricted to papers holding the rarest word the phrase needs (for a cut that a paper
    // lacking one cannot reach): every paper scoring above that is there, hits and bound unchanged.
    for (const query of queries) {
      const q = parseSearchQuery(query);
      if (q.tokens.length < 2) continue;
      const all = new Map(listed(index.rankedPaperHits(q)).map(([id, hits, bonus]) => [id, [hits, bonus]]));
      const held = new Map(listed(index.rankedPaperHits(q, { enters: () => false })).map(([id, hits, bonus]) => [id, [hits, bonus]]));
      const withoutOne = (3 * (q.tokens.length - 1)) / (3 * q.tokens.length);
      for (const [id, entry] of held) expect(entry, `${query} / ${id}`).toEqual(all.get(id));
      for (const p of papers) {
        if (scorePaper(q, paperSearchDoc(p)) > withoutOne) expect(held.has(p.id), `${query} / ${p.id}`).toBe(true);
      }
    }
    // "model handle": p2 ("Graph-based model checking") says "model" but holds no word starting "handle".
    expect(listed(index.rankedPaperHits(parseSearchQuery('model handle'), { enters: () => false })).map(([id]) => id).sort()).toEqual(['p0', 'p1']);
    // p1 holds "graph-based model" in its abstract only.
    expect(listed(index.rankedPaperHits(parseSearchQuery('graph-based model'), { titlePhrase: true })).map(([id]) => id)).toEqual(['p2']);
    // Words alone rule the phrase out where no field holds "handle" as a word's start (p2), or
    // a word ending in "model" (p1's title, "Mesh handle graphs"; p0's "Remodel handles" may).
    const bounds = new Map(listed(index.rankedPaperHits(parseSearchQuery('model handle'))).map(([id, , b]) => [id, b]));
    expect([bounds.get('p0'), bounds.get('p1'), bounds.get('p2')]).toEqual([1, 0.5, 0]);
    // "odel handle": p0's "remodel" ends in "odel"; p1's abstract's "model" does too.
    const inside = new Map(listed(index.rankedPaperHits(parseSearchQuery('odel handle'))).map(([id, , b]) => [id, b]));
    expect([inside.get('p0'), inside.get('p1')]).toEqual([1, 0.5]);
    // Each field on its own: p2's title lacks the inner words, its abstract has them (in another order).
    const inner = new Map(listed(index.rankedPaperHits(parseSearchQuery('the art of the state'))).map(([id, , b]) => [id, b]));
    expect([inner.get('p2'), inner.get('p3')]).toEqual([0.5, 1]);
  });
});

describe('phrase bonus bounds on random texts', () => {
  it('lists every paper a query scores above zero, its hits exact and its bound never below its bonus (any restriction)', async () => {
    const { SearchIndex } = await import('../../src/store/search-index.js');
    const { paperSearchDoc, scorePaper } = await import('../../src/store/search-scoring.js');
    // Words that start, end and hold one another, joined by spaces, hyphens and punctuation.
    const words = ['model', 'remodel', 'models', 'del', 'mode', 'handle', 'handles', 'u', 'menu', 'net', 'u-net', 'a', 'an', 'art', 'the', 'state', 'of'];
    const text = fc.array(fc.tuple(fc.constantFrom(...words), fc.constantFrom(' ', ' ', '-', ', ', '. ')), { minLength: 1, maxLength: 12 }).map((parts) => parts.map(([w, sep]) => w + sep).join('').trim());
    const corpus = fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(corpus, fc.nat(), fc.nat(), fc.nat({ max: 24 }), (texts, pick, start, length) => {
        const papers = texts.map(([title, abstract], i) => ({ id: `p${i}`, title, abstract }));
        const index = new SearchIndex(papers as never, [], []);
        // A query cut out of one of the texts (so phrases occur), at any characters.
        const source = pick % 2 ? texts[pick % texts.length]![0] : texts[pick % texts.length]![1];
        const from = start % Math.max(1, source.length);
        const q = parseSearchQuery(source.slice(from, from + length + 1));
        if (q.tokens.length === 0) return;
        const all = new Map(listed(index.rankedPaperHits(q)).map(([id, hits, bonus]) => [id, { hits, bonus }]));
        for (const p of papers) {
          const score = scorePaper(q, paperSearchDoc(p));
          const entry = all.get(p.id);
          if (score === 0) continue;
          expect(entry, `${q.phrase} / ${p.id}`).toBeDefined();
          const base = entry!.hits / (3 * q.tokens.length);
          expect(score - base, `${q.phrase} / ${p.id}`).toBeLessThanOrEqual(entry!.bonus + 1e-12);
          expect(score - base, `${q.phrase} / ${p.id}`).toBeGreaterThanOrEqual(-1e-12);
        }
        // Restricted counts keep every paper that can score above what they rule out, as it was.
        const withoutOne = (3 * (q.tokens.length - 1)) / (3 * q.tokens.length);
        for (const [restricted, floor] of [
          [index.rankedPaperHits(q, { titlePhrase: true }), 1.5],
          [index.rankedPaperHits(q, { enters: () => false }), withoutOne],
        ] as const) {
          const kept = new Map(listed(restricted).map(([id, hits, bonus]) => [id, { hits, bonus }]));
          for (const [id, entry] of kept) expect(entry, `${q.phrase} / ${id}`).toEqual(all.get(id));
          for (const p of papers) {
            if (q.tokens.length > 1 && scorePaper(q, paperSearchDoc(p)) > floor) expect(kept.has(p.id), `${q.phrase} / ${p.id}`).toBe(true);
          }
        }
      }),
      { numRuns: 400, seed: 7 },
    );
  });
});

describe('concept bounds from the inverted index', () => {
  const listed = (r: { length: number; id(i: number): string; bound(i: number): number; cap(i: number): number }) =>
    Array.from({ length: r.length }, (_, i) => ({ id: r.id(i), bound: r.bound(i), cap: r.cap(i) }));

  it('lists every concept a query scores above zero, never bounded below its score, best bound first', async () => {
    const { SearchIndex } = await import('../../src/store/search-index.js');
    const { conceptSearchDoc, scoreConcept } = await import('../../src/store/search-scoring.js');
    const names: [string, string[]][] = [
      ['lattice boltzmann method', ['LBM']],
      ['entropic lattice boltzmann method', ['ELBM']],
      ['boltzmann', []],
      ['boltz mann detector', []],
      ['tensor network state', ['TNS', 'tensor net state']],
      ['harmonic spline field', ['HSF']],
      ['latticed search', []],
    ];
    const concepts = names.map(([name, aliases], i) => ({ id: `c${i}`, name, aliases, acronym: aliases[0] ?? null, paperCount: 1 }));
    const index = new SearchIndex([], concepts as never, []);
    const queries = ['boltzmann', 'boltzman', 'lattice boltzmann method', 'lattice', 'tensor', 'tensor net state', 'hsf', 'elbm', 'boltz', 'harmonic boltzmann field', 'xyz'];
    for (const query of queries) {
      const q = parseSearchQuery(query);
      const ranked = listed(index.rankedConcepts(q));
      const caps = ranked.map((r) => r.cap);
      expect(caps, query).toEqual([...caps].sort((a, b) => b - a));
      const byId = new Map(ranked.map((r) => [r.id, r]));
      expect(byId.size, query).toBe(ranked.length);
      for (const c of concepts) {
        const score = scoreConcept(q, conceptSearchDoc(c));
        const entry = byId.get(c.id);
        if (score === 0) {
          expect(entry, `${query} / ${c.name}`).toBeUndefined();
          continue;
        }
        // The postings give each name's score exactly; the cap is it rounded up.
        expect(entry!.bound, `${query} / ${c.name}`).toBeCloseTo(score, 12);
        expect(entry!.cap, `${query} / ${c.name}`).toBeGreaterThanOrEqual(entry!.bound - 1e-12);
        expect(entry!.cap - entry!.bound, `${query} / ${c.name}`).toBeLessThan(1 / 64);
      }
    }
    expect(listed(index.rankedConcepts(parseSearchQuery('lattice boltzmann method')))[0]).toEqual({ id: 'c0', bound: 3, cap: 3 });
    // One query token of three, one word of the name's three (the acronym matches nothing).
    expect(listed(index.rankedConcepts(parseSearchQuery('harmonic boltzmann field'))).find((r) => r.id === 'c0')!.bound).toBeCloseTo(0.5 + 0.5 / 3, 12);
  });

  it('keeps the bounds exact as concepts are renamed, given aliases or replaced unchanged', async () => {
    const { SearchIndex } = await import('../../src/store/search-index.js');
    const { conceptSearchDoc, scoreConcept } = await import('../../src/store/search-scoring.js');
    const concept = (id: string, name: string, aliases: string[] = []) => ({ id, name, aliases, acronym: null, paperCount: 1 });
    const first = [concept('a', 'graph neural network', ['GNN']), concept('b', 'graph kernel'), concept('c', 'network pruning')];
    const index = new SearchIndex([], first as never, []);
    const later = [concept('a', 'graph neural net', ['GNN', 'graph network']), concept('b', 'graph kernel'), concept('c', 'channel pruning')];
    first.forEach((old, i) => index.putConcept(later[i] as never, old as never));
    for (const query of ['graph network', 'network', 'net', 'pruning', 'graph kernel', 'gnn', 'neural netwrk']) {
      const q = parseSearchQuery(query);
      const bounds = new Map(listed(index.rankedConcepts(q)).map((r) => [r.id, r.bound]));
      for (const c of later) {
        const score = scoreConcept(q, conceptSearchDoc(c));
        if (score === 0) expect(bounds.has(c.id), `${query} / ${c.id}`).toBe(false);
        else expect(bounds.get(c.id), `${query} / ${c.id}`).toBeCloseTo(score, 12);
      }
    }
  });
});

describe('repository shares from the inverted index', () => {
  it('gives every repository a query can score its score, unless the query names it', async () => {
    const { SearchIndex } = await import('../../src/store/search-index.js');
    const { scoreRepository } = await import('../../src/store/search-scoring.js');
    const rows: [string, string, string][] = [
      ['github.com/graph-lab/graph-nets', 'graph-lab', 'graph-nets'],
      ['github.com/acme/diffusion', 'acme', 'diffusion'],
      ['github.com/acme/diffusers-lite', 'acme', 'diffusers-lite'],
      ['gitlab.com/x/nn', 'x', 'nn'],
    ];
    const repos = rows.map(([id, owner, name]) => ({ id, owner, name, host: id.split('/')[0]!, url: `https://${id}` }));
    const index = new SearchIndex([], [], repos as never);
    for (const query of ['graph', 'graph nets', 'diffus', 'acme diffusion', 'nn', 'acme/diffusion', 'gra lab', 'xyz']) {
      const q = parseSearchQuery(query);
      const shares = index.repositoryCandidates(q);
      for (const r of repos) {
        const score = scoreRepository(q, r as never);
        if (score === 0) expect(shares.has(r.id), `${query} / ${r.id}`).toBe(false);
        else if (score < 2) expect(shares.get(r.id), `${query} / ${r.id}`).toBeCloseTo(score, 12);
        else expect(shares.has(r.id), `${query} / ${r.id}`).toBe(true);
      }
    }
  });
});

describe('shortest path with the target’s neighbours known', () => {
  it('finds the same path as the plain breadth-first search, for every pair and bound', async () => {
    const { shortestPath } = await import('../../src/store/algorithms.js');
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let graph = 0; graph < 5; graph++) {
      const nodes = Array.from({ length: 14 }, (_, i) => `n${i}`);
      const adjacency = new Map(nodes.map((n) => [n, new Set<string>()]));
      for (let e = 0; e < 18; e++) {
        const a = nodes[Math.floor(random() * nodes.length)]!;
        const b = nodes[Math.floor(random() * nodes.length)]!;
        if (a !== b) {
          adjacency.get(a)!.add(b);
          adjacency.get(b)!.add(a);
        }
      }
      let fetched = 0;
      const neighboursOf = async (ids: string[]) => {
        fetched += ids.length;
        return new Map(ids.map((id) => [id, [...adjacency.get(id)!]]));
      };
      for (const from of nodes) {
        for (const to of nodes) {
          for (const maxHops of [1, 2, 3, 6]) {
            const plain = await shortestPath(from, to, maxHops, neighboursOf);
            const known = await shortestPath(from, to, maxHops, neighboursOf, adjacency.get(to)!);
            expect(known, `${from} -> ${to}, ${maxHops} hops`).toEqual(plain);
          }
        }
      }
      expect(fetched).toBeGreaterThan(0);
    }
  });
});

describe('neighbourhood levels read within their bounds', () => {
  it('takes the same concepts when each level returns only the first `places` unseen neighbours per concept', async () => {
    const { expandNeighbourhood } = await import('../../src/store/algorithms.js');
    const { compareIds } = await import('../../src/store/ordering.js');
    let seed = 11;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let graph = 0; graph < 8; graph++) {
      const nodes = Array.from({ length: 30 }, (_, i) => `c${i}`);
      const related = new Map(nodes.map((n) => [n, [] as { other: string; weight: number }[]]));
      for (let e = 0; e < 120; e++) {
        const a = nodes[Math.floor(random() * nodes.length)]!;
        const b = nodes[Math.floor(random() * nodes.length)]!;
        if (a === b || related.get(a)!.some((n) => n.other === b)) continue;
        const weight = Math.round(random() * 4) / 4; // many ties
        related.get(a)!.push({ other: b, weight });
        related.get(b)!.push({ other: a, weight });
      }
      const all = async (ids: string[]) => new Map(ids.map((id) => [id, related.get(id)!]));
      const bounded = async (ids: string[], bounds: { places: number; seen: string[]; minWeight: number }) =>
        new Map(
          ids.map((id) => [
            id,
            related
              .get(id)!
              .filter((n) => n.weight >= bounds.minWeight && !bounds.seen.includes(n.other))
              .sort((x, y) => y.weight - x.weight || compareIds(x.other, y.other))
              .slice(0, bounds.places),
          ]),
        );
      for (const center of nodes.slice(0, 6)) {
        for (const options of [
          { depth: 1, limit: 5, minWeight: 0 },
          { depth: 2, limit: 8, minWeight: 0.25 },
          { depth: 3, limit: 12, minWeight: 0, perHop: 3 },
          { depth: 3, limit: 30, minWeight: 0.5 },
        ]) {
          expect(await expandNeighbourhood(center, options, bounded)).toEqual(await expandNeighbourhood(center, options, all));
        }
      }
    }
  });
});
