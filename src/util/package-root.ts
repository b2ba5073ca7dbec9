import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json, found from this file's location (works from src/ and dist/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the package root');
    dir = parent;
  }
  return dir;
}

/** The bundled sample corpus. */
export function bundledCorpusPath(): string {
  return join(packageRoot(), 'data', 'trending-papers.txt');
}

/**
 * The compiled module `name` (a sibling of the module at `moduleUrl`) that a worker thread runs:
 * beside that module in dist/, or dist/'s copy when running from src/ (tests); null when it is not
 * built. `moduleUrl` is the caller's `import.meta.url`.
 */
export function compiledSibling(moduleUrl: string, name: string): string | null {
  const here = fileURLToPath(moduleUrl);
  const file = here.endsWith('.js') ? join(dirname(here), name) : join(packageRoot(), 'dist', relative(packageRoot(), dirname(here)), name);
  return existsSync(file) ? file : null;
}
