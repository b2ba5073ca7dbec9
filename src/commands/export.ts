import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { ExportFormatError, parseJsonExport, toCsvFiles, toGexf, toGraphml, toJsonExport } from '../export/index.js';
import type { GraphData } from '../model.js';
import { createStore, type GraphStore } from '../store/index.js';

/** Export formats: `json` round-trips through `import`; the others are for Gephi, yEd and neo4j-admin. */
export const EXPORT_FORMATS = ['json', 'graphml', 'gexf', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** A command line the export and import commands refuse (exit code 2, with the usage). */
export class ExportUsageError extends Error {
  override readonly name = 'ExportUsageError';
}

export const EXPORT_USAGE = `  export [--format json|graphml|gexf|csv] [--out PATH]
                                         write the whole graph: json (default, re-importable),
                                         graphml (Gephi, yEd, apoc.import.graphml), gexf (Gephi),
                                         csv (neo4j-admin import; --out is a folder); stdout without --out
  import FILE [--replace]                load a json export into the configured store
                                         (--replace: even when the store is not empty)`;

type Log = (line: string) => void;

/**
 * Runs `kg export ...` or `kg import ...` and returns the exit code: 0 done, 2 a bad command line
 * (with the usage), 1 a file that cannot be imported. Other errors are thrown.
 */
export async function exportCommand(
  command: 'export' | 'import',
  args: string[],
  log: Log,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    return command === 'export' ? await runExport(args, log, env) : await runImport(args, log, env);
  } catch (error) {
    if (error instanceof ExportUsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      log(`error: ${(error as Error).message}\n\nUsage:\n${EXPORT_USAGE}`);
      return 2;
    }
    if (error instanceof ExportFormatError) {
      log(`error: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

/** `kg export`: writes the configured store's graph in one format, to a file or folder or stdout. */
export async function runExport(args: string[], log: Log, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { format: { type: 'string', default: 'json' }, out: { type: 'string' } },
  });
  if (positionals.length > 0) throw new ExportUsageError(`export takes no FILE, got "${positionals[0]}" (use --out PATH)`);
  const format = values.format as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) {
    throw new ExportUsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, got "${values.format}"`);
  }
  if (format === 'csv' && values.out === undefined) throw new ExportUsageError('--format csv writes several files: give --out FOLDER');
  const graph = await withStore(env, (store) => store.exportGraph());
  const written = await writeExport(graph, format, values.out);
  log(`exported ${graph.papers.length} papers, ${graph.concepts.length} concepts, ${graph.repositories.length} repositories` +
    (written.length > 0 ? ` to ${written.join(', ')}` : ''));
  return 0;
}

/** Writes `graph` as `format` to `out` (a folder for csv) or stdout; returns the paths written. */
export async function writeExport(graph: GraphData, format: ExportFormat, out: string | undefined): Promise<string[]> {
  if (format === 'csv') {
    await mkdir(out!, { recursive: true });
    const paths: string[] = [];
    for (const [name, text] of toCsvFiles(graph)) {
      const path = join(out!, name);
      await writeFile(path, text);
      paths.push(path);
    }
    return paths;
  }
  const text = format === 'json' ? toJsonExport(graph) : format === 'graphml' ? toGraphml(graph) : toGexf(graph);
  if (out === undefined) {
    process.stdout.write(text);
    return [];
  }
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, text);
  return [out];
}

/** `kg import FILE`: replaces the configured store's graph with a json export's. */
export async function runImport(args: string[], log: Log, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { replace: { type: 'boolean', default: false } },
  });
  if (positionals.length !== 1) throw new ExportUsageError('import needs exactly one FILE (a json export)');
  const file = positionals[0]!;
  const graph = parseJsonExport(await readFile(file, 'utf8'), file);
  const stats = await withStore(env, async (store) => {
    const before = await store.stats();
    if (before.papers + before.concepts + before.repositories > 0 && !values.replace) {
      throw new ExportUsageError(
        `the store is not empty (${before.papers} papers, ${before.concepts} concepts): ` +
          'pass --replace to replace its graph with the file\'s',
      );
    }
    await store.replaceGraph(graph);
    return store.stats();
  });
  log(`imported ${file}`);
  process.stdout.write(`${JSON.stringify(stats, null, 2)}\n`);
  return 0;
}

async function withStore<T>(env: NodeJS.ProcessEnv, use: (store: GraphStore) => Promise<T>): Promise<T> {
  const store = await createStore(loadConfig(env));
  try {
    await store.init();
    return await use(store);
  } finally {
    await store.close();
  }
}
