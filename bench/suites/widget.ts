/**
 * The widget's weight: dist/ecoute.js (both elements, both languages, styles) built fresh,
 * raw and gzipped. Goal from issue 3: at most 15 KB gzipped (Formbricks' renderer is
 * ~270 KB gzipped, PostHog's surveys ~49 KB).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { buildWidget } from '#widget/build.ts';
import type { BenchRow } from '../types.ts';

export const name = 'widget';

const KB = 1024; // KiB
const GOAL_GZIP_KB = 15;

export async function run(): Promise<BenchRow[]> {
  const { iife, esm } = await buildWidget();
  const script = readFileSync(iife);
  const bytes = gzipSync(script, { level: 9 }).length;
  const gzipped = bytes / KB;
  return [
    { metric: 'ecoute.js raw', value: script.length / KB, unit: 'KB' },
    {
      metric: 'ecoute.js gzipped',
      value: gzipped,
      unit: 'KB',
      goal: `≤ ${GOAL_GZIP_KB} KB`,
      ok: gzipped <= GOAL_GZIP_KB,
    },
    // The same in bytes, so nobody has to wonder whether a KB is 1000 or 1024 bytes.
    { metric: 'ecoute.js gzipped', value: bytes, unit: 'bytes' },
    { metric: 'ecoute.esm.js gzipped', value: gzipSync(readFileSync(esm), { level: 9 }).length / KB, unit: 'KB' },
  ];
}
