#!/usr/bin/env node
// Builds the explorer web page (explorer/) with Vite into dist/explorer/, which the server
// serves at /explore. Skips the build when dist/explorer/index.html is newer than every source
// file of the explorer and the lock file, so restarts stay fast; --force builds anyway.
// Writes only to stderr: `npm run build` runs inside commands whose stdout is their output.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sourceDir = join(root, 'explorer');
const outDir = join(root, 'dist', 'explorer');
const output = join(outDir, 'index.html');
const log = (line) => process.stderr.write(`${line}\n`);

/** Newest modification time of the files under `dir`, in ms. */
function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function upToDate() {
  if (!existsSync(output)) return false;
  const lock = join(root, 'package-lock.json');
  const sources = Math.max(newestMtime(sourceDir), existsSync(lock) ? statSync(lock).mtimeMs : 0);
  return statSync(output).mtimeMs > sources;
}

async function main(args) {
  const unknown = args.filter((a) => a !== '--force');
  if (unknown.length > 0) {
    log(`build-explorer: unknown argument ${unknown[0]} (usage: node scripts/build-explorer.mjs [--force])`);
    return 2;
  }
  if (!existsSync(sourceDir)) {
    log(`build-explorer: no ${relative(process.cwd(), sourceDir) || 'explorer'}/ sources here; skipping (/explore will answer 503)`);
    return 0;
  }
  if (!args.includes('--force') && upToDate()) return 0;

  let vite;
  try {
    vite = await import('vite');
  } catch {
    log('build-explorer: Vite is not installed (a dev dependency; run npm install); /explore will answer 503 until the explorer is built');
    return existsSync(output) ? 0 : 1;
  }
  const t0 = performance.now();
  await vite.build({ configFile: join(sourceDir, 'vite.config.ts'), logLevel: 'warn' });
  log(`build-explorer: built ${relative(process.cwd(), outDir)} in ${Math.round(performance.now() - t0)} ms`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    log(`build-explorer: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  },
);
