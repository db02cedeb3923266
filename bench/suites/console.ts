/**
 * The staff console's weight, built fresh: the JavaScript every signed-in screen loads before
 * it shows (goal ≤ 60 KB gzipped), and all of it, the screens loaded on first use included
 * (the survey editor brings zod, the API's own schemas, and the barometer templates).
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { buildConsole } from '#console/build.ts';
import type { BenchRow } from '../types.ts';

export const name = 'console';

const GOAL_BYTES = 60 * 1024;
const gz = (files: string[]) => files.reduce((sum, f) => sum + gzipSync(readFileSync(f), { level: 9 }).length, 0);

export async function run(): Promise<BenchRow[]> {
  const built = await buildConsole();
  const initial = gz(built.initialScripts);
  const all = gz(built.allScripts);
  return [
    {
      id: 'console.gz-bytes',
      metric: 'console JS loaded at sign-in, gzipped',
      value: initial,
      unit: 'bytes',
      goal: `≤ ${GOAL_BYTES} bytes (60 KB)`,
      ok: initial <= GOAL_BYTES,
    },
    { id: 'console.all-gz-bytes', metric: 'console JS, every screen, gzipped', value: all, unit: 'bytes' },
    { id: 'console.files', metric: 'console JS files', value: built.allScripts.length, unit: 'files' },
  ];
}
