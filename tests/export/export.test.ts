import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportCommand } from '../../src/commands/export.js';
import { ExportFormatError, parseJsonExport, toCsvFiles, toGexf, toGraphml, toJsonExport } from '../../src/export/index.js';
import { buildGraph } from '../../src/ingest/build-graph.js';
import { readPaperFile } from '../../src/ingest/read-files.js';
import type { GraphData } from '../../src/model.js';
import { canonicalGraph } from '../../src/store/canonical.js';
import { MemoryStore } from '../../src/store/memory/memory-store.js';
import { bundledCorpusPath } from '../../src/util/package-root.js';
import { smallGraph } from '../fixtures/small-graph.fixtures.js';
import { tempDirs } from '../fixtures/temp-dirs.js';

const tempDir = tempDirs('kg-export-');

/** smallGraph with text that needs escaping in every format. */
function awkwardGraph(): GraphData {
  const g = smallGraph();
  return {
    ...g,
    papers: g.papers.map((p) =>
      p.id === 'p-a' ? { ...p, title: 'Alpha, "beta" & <gamma>', abstract: 'Line one,\nline "two"; \u0001end.' } : p,
    ),
  };
}

describe('json export', () => {
  let sample: GraphData;
  beforeAll(async () => {
    sample = buildGraph(await readPaperFile(bundledCorpusPath()));
  });

  it('round-trips the sample corpus exactly, in canonical order', () => {
    const text = toJsonExport(sample);
    expect(parseJsonExport(text)).toEqual(canonicalGraph(sample));
    expect(toJsonExport(parseJsonExport(text))).toBe(text);
  });

  it('refuses other files, naming what is wrong', () => {
    expect(() => parseJsonExport('{"graph"', 'a.json')).toThrow(/a\.json is not valid JSON/);
    expect(() => parseJsonExport('{"format":"other","version":1}', 'a.json')).toThrow(/not a version 1 paper-kg-export file/);
    const graph = smallGraph();
    const dangling = { ...graph, mentions: [...graph.mentions, { ...graph.mentions[0]!, conceptId: 'missing' }] };
    expect(() => parseJsonExport(toJsonExport(dangling), 'a.json')).toThrow(ExportFormatError);
    expect(() => parseJsonExport(toJsonExport(dangling), 'a.json')).toThrow(/mentions\[\d+\] \(p-a -> missing\)/);
    const twice = { ...graph, papers: [...graph.papers, graph.papers[0]!] };
    expect(() => parseJsonExport(JSON.stringify({ format: 'paper-kg-export', version: 1, graph: twice }))).toThrow(/two papers have the id "p-a"/);
  });
});

describe('graphml, gexf and csv exports', () => {
  it('writes GraphML that a GraphML reader loads with every node, edge and typed property', () => {
    const xml = toGraphml(awkwardGraph());
    const g = parseGraphml(MultiDirectedGraph, xml);
    expect([g.order, g.size]).toEqual([4 + 5 + 2, 9 + 3 + 5 + 1]);
    expect(g.getNodeAttributes('paper:p-a')).toMatchObject({ labels: ':Paper', label: 'Alpha, "beta" & <gamma>', title: 'Alpha, "beta" & <gamma>' });
    expect(g.getNodeAttribute('paper:p-a', 'abstract')).toBe('Line one,\nline "two"; end.');
    expect(g.getNodeAttributes('concept:alpha')).toMatchObject({ labels: ':Concept', paperCount: 2, rank: 0.217196, community: 2, aliases: '["AL","Alpha","alpha","alphas"]' });
    expect(g.getNodeAttribute('paper:p-d', 'year')).toBe(2021);
    const related = g.edges('concept:alpha', 'concept:beta').map((e) => g.getEdgeAttributes(e));
    expect(related).toEqual([{ label: 'RELATED_TO', sharedPapers: 2, weight: 1 }]);
    const mention = g.edges('paper:p-a', 'concept:alpha').map((e) => g.getEdgeAttributes(e));
    expect(mention[0]).toMatchObject({ label: 'MENTIONS', count: 3, confidence: 0.9, inTitle: true });
  });

  it('writes GEXF that Gephi-style readers load with labels, kinds and weights', () => {
    const g = parseGexf(MultiDirectedGraph, toGexf(awkwardGraph()));
    expect([g.order, g.size]).toEqual([11, 18]);
    expect(g.getNodeAttributes('concept:delta-gamma')).toMatchObject({ label: 'delta gamma', kind: 'Concept', rank: 0.240038, community: 1 });
    expect(g.getNodeAttributes('repository:github.com/org/one')).toMatchObject({ label: 'org/one', kind: 'Repository' });
    const edge = g.edges('concept:delta-gamma', 'concept:epsilon').map((e) => g.getEdgeAttributes(e))[0];
    expect(edge).toMatchObject({ label: 'RELATED_TO', weight: 0.7 });
  });

  it('writes CSV files in the neo4j-admin import format, quoted where needed', () => {
    const files = toCsvFiles(awkwardGraph());
    expect([...files.keys()]).toEqual([
      'papers.csv', 'concepts.csv', 'repositories.csv', 'mentions.csv', 'has_code.csv', 'related_to.csv', 'broader.csv',
    ]);
    const papers = files.get('papers.csv')!;
    expect(papers.split('\n')[0]).toBe('id:ID(Paper),title:string,abstract:string,url:string,year:int,source:string,contentHash:string,links:string,:LABEL');
    expect(papers).toContain('p-a,"Alpha, ""beta"" & <gamma>","Line one,\nline ""two""; \u0001end.",,,fixture,hash-p-a,[],Paper');
    expect(files.get('concepts.csv')!.split('\n')[1]).toBe('alpha,alpha,AL,AL;Alpha;alpha;alphas,2,0.217196,2,Concept');
    expect(files.get('related_to.csv')!.split('\n').slice(0, 2)).toEqual([
      ':START_ID(Concept),:END_ID(Concept),sharedPapers:int,weight:double,:TYPE',
      'alpha,beta,2,1,RELATED_TO',
    ]);
    expect(files.get('has_code.csv')!.split('\n')[1]).toBe('p-a,github.com/org/one,HAS_CODE');
  });
});

describe('kg export and kg import', () => {
  const quiet = () => {};
  /** The environment of a run on the embedded store in `dir`. */
  const embedded = (dir: string) => ({ KG_DATA_DIR: dir });

  it('exports a store, imports the file into an empty store, and both hold the same graph', async () => {
    const [from, to, out] = await Promise.all([tempDir(), tempDir(), tempDir()]);
    const source = new MemoryStore({ dataDir: from });
    await source.init();
    await source.replaceGraph(buildGraph(await readPaperFile(bundledCorpusPath())));

    const file = join(out, 'graph.json');
    expect(await exportCommand('export', ['--format', 'json', '--out', file], quiet, embedded(from))).toBe(0);
    for (const format of ['graphml', 'gexf']) {
      const path = join(out, `graph.${format}`);
      expect(await exportCommand('export', ['--format', format, '--out', path], quiet, embedded(from))).toBe(0);
    }
    expect(await exportCommand('export', ['--format', 'csv', '--out', join(out, 'csv')], quiet, embedded(from))).toBe(0);
    expect((await readdir(join(out, 'csv'))).length).toBe(7);

    expect(await exportCommand('import', [file], quiet, embedded(to))).toBe(0);
    const target = new MemoryStore({ dataDir: to });
    await target.init();
    expect(await target.exportGraph()).toEqual(await source.exportGraph());
    expect(await target.stats()).toEqual(await source.stats());
    expect(toJsonExport(await target.exportGraph())).toBe(await readFile(file, 'utf8'));
  });

  it('refuses to import over a non-empty store without --replace, a bad file, and bad arguments', async () => {
    const [dir, out] = await Promise.all([tempDir(), tempDir()]);
    const store = new MemoryStore({ dataDir: dir });
    await store.init();
    await store.replaceGraph(smallGraph());
    const file = join(out, 'graph.json');
    await writeFile(file, toJsonExport(smallGraph()));
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const env = embedded(dir);
    expect(await exportCommand('import', [file], log, env)).toBe(2);
    expect(lines.join('\n')).toMatch(/not empty .* --replace/);
    expect(await exportCommand('import', [file, '--replace'], log, env)).toBe(0);
    await writeFile(join(out, 'bad.json'), '{"format": "nope"}');
    expect(await exportCommand('import', [join(out, 'bad.json'), '--replace'], log, env)).toBe(1);
    expect(await exportCommand('export', ['--format', 'xml'], log, env)).toBe(2);
    expect(await exportCommand('export', ['--format', 'csv'], log, env)).toBe(2);
    expect(await exportCommand('export', ['--bogus'], log, env)).toBe(2);
  });
});
