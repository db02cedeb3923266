/**
 * `npm run bench`: runs every suite in bench/suites (or those named on the command line),
 * prints one table and writes bench/results/latest.json. Targets are ratios measured side by
 * side in one run, never absolute timings asserted in tests.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchRow, BenchSuite } from './types.ts';

process.env.ECOUTE_LOG ??= 'off';
const here = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(join(here, 'suites'))
  .filter((f) => f.endsWith('.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const rows: (BenchRow & { suite: string })[] = [];
for (const file of files) {
  const suite = (await import(join(here, 'suites', file))) as BenchSuite;
  process.stderr.write(`▶ ${suite.name}…\n`);
  for (const row of await suite.run()) rows.push({ suite: suite.name, ...row });
}

const seen = new Set<string>();
for (const { id } of rows) {
  if (seen.has(id)) throw new Error(`two bench rows have the id ${id}: ids name one measure each`);
  seen.add(id);
}

const fmt = (v: number | string | undefined) =>
  typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : (v ?? '');
const table = rows.map((r) => [
  r.suite,
  r.metric,
  fmt(r.value),
  r.unit,
  r.goal ?? '',
  r.ok === undefined ? '' : r.ok ? 'yes' : 'NO',
]);
const header = ['suite', 'metric', 'value', 'unit', 'goal', 'met'];
const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => String(t[i]).length)));
const line = (cells: (string | number)[]) => cells.map((c, i) => String(c).padEnd(widths[i] ?? 0)).join('  ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const t of table) console.log(line(t));

const out = join(here, 'results');
mkdirSync(out, { recursive: true });
const json = JSON.stringify({ at: new Date().toISOString(), node: process.version, rows }, null, 2);
writeFileSync(join(out, 'latest.json'), json);
console.log(`\nwritten: ${join('bench', 'results', 'latest.json')}`);
