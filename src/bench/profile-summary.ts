/**
 * `node dist/src/bench/profile-summary.js FILE.cpuprofile [--top N] [--match TEXT]`: the
 * functions of a V8 CPU profile (`node --cpu-prof`) by self time and by total (inclusive) time,
 * with their share of the samples, as a Markdown table. What the bench notes quote.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  name: string;
  selfMs: number;
  totalMs: number;
  selfShare: number;
  totalShare: number;
}

/** Self and inclusive time per function (name + file + line), recursion counted once. */
export function summariseProfile(profile: Profile, root = process.cwd()): { totalMs: number; functions: FunctionTime[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode) => {
    const url = n.callFrame.url.replace(/^file:\/\//, '');
    return `${n.callFrame.functionName || '(anonymous)'} ${url ? `${relative(root, url)}:${n.callFrame.lineNumber + 1}` : ''}`.trim();
  };
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let sum = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    sum += dt;
    const node = byId.get(id);
    if (!node) return;
    self.set(key(node), (self.get(key(node)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur)!);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  });
  const functions = [...total.keys()].map((name) => ({
    name,
    selfMs: self.get(name) ?? 0,
    totalMs: total.get(name) ?? 0,
    selfShare: (self.get(name) ?? 0) / sum,
    totalShare: (total.get(name) ?? 0) / sum,
  }));
  return { totalMs: sum, functions };
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '25' }, match: { type: 'string' } },
  });
  const top = Number(values.top);
  for (const file of positionals) {
    const { totalMs, functions } = summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as Profile);
    const filtered = values.match ? functions.filter((f) => f.name.includes(values.match!)) : functions;
    const row = (f: FunctionTime) => `| ${f.name} | ${f.selfMs.toFixed(0)} | ${(f.selfShare * 100).toFixed(1)}% | ${f.totalMs.toFixed(0)} | ${(f.totalShare * 100).toFixed(1)}% |`;
    process.stdout.write(`\n${file}: ${(totalMs / 1000).toFixed(2)} s sampled\n\nBy self time:\n| function | self ms | self | total ms | total |\n| --- | --- | --- | --- | --- |\n`);
    for (const f of [...filtered].sort((a, b) => b.selfMs - a.selfMs).slice(0, top)) process.stdout.write(`${row(f)}\n`);
    process.stdout.write(`\nBy total time (project code):\n| function | self ms | self | total ms | total |\n| --- | --- | --- | --- | --- |\n`);
    for (const f of [...filtered].filter((f) => f.name.includes('dist/src/')).sort((a, b) => b.totalMs - a.totalMs).slice(0, top)) {
      process.stdout.write(`${row(f)}\n`);
    }
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) main();
