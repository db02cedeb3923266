/**
 * The widget's weight and what it does to the host page. Weight: the scripts built fresh,
 * gzipped (level 9): ecoute.js alone (the survey element, what a tourism page loads) against
 * 12 KB, and with ecoute-suggestions.js (a page with both elements) against 15 KB (Formbricks'
 * renderer is ~270 KB gzipped, PostHog's surveys ~49 KB). Movement: the layout shift the
 * widget causes on the demo tourism page at 360 px on a slow mobile network, against 0.01
 * (Core Web Vitals call 0.1 the limit of "good").
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { buildWidget } from '#widget/build.ts';
import { pageLayoutShift } from '#widget/test/layout-shift.ts';
import type { BenchRow } from '../types.ts';

export const name = 'widget';

const SURVEY_GOAL_BYTES = 12 * 1024;
const ALL_GOAL_BYTES = 15 * 1024;
const CLS_GOAL = 0.01;

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

export async function run(): Promise<BenchRow[]> {
  const built = await buildWidget();
  const survey = gz(built.iife);
  const all = survey + gz(built.suggestions);
  const english = gz(built.english);
  const page = await pageLayoutShift(360, 'none');
  const shift = (await pageLayoutShift(360, 'snippet')) - page;
  const bare = (await pageLayoutShift(360, 'bare')) - page;
  return [
    {
      id: 'widget.survey-gz-bytes',
      metric: 'ecoute.js gzipped (the survey element)',
      value: survey,
      unit: 'bytes',
      goal: `≤ ${SURVEY_GOAL_BYTES}`,
      ok: survey <= SURVEY_GOAL_BYTES,
    },
    {
      id: 'widget.all-gz-bytes',
      metric: 'ecoute.js + ecoute-suggestions.js gzipped (both elements)',
      value: all,
      unit: 'bytes',
      goal: `≤ ${ALL_GOAL_BYTES}`,
      ok: all <= ALL_GOAL_BYTES,
    },
    // Fetched only for English: a page in English, or a person switching, adds it.
    { id: 'widget.english-gz-bytes', metric: 'ecoute-en.js gzipped (English words)', value: english, unit: 'bytes' },
    {
      id: 'widget.esm-gz-bytes',
      metric: 'ecoute.esm.js gzipped (all in one module)',
      value: gz(built.esm),
      unit: 'bytes',
    },
    {
      id: 'widget.cls-360',
      metric: 'layout shift caused on the demo page, 360 px, slow 4G',
      value: shift,
      unit: 'CLS',
      goal: `≤ ${CLS_GOAL}`,
      ok: shift <= CLS_GOAL,
    },
    // A snippet pasted without the placeholder canvas: the page moves when the survey appears.
    { id: 'widget.cls-360-bare', metric: 'the same with a snippet without placeholder', value: bare, unit: 'CLS' },
  ];
}
