import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { IndexResult } from '../report-schema.ts';
import { formatter, stringsFor } from './i18n.ts';
import { html, Markup } from './markup.ts';
import { trendChart } from './svg-charts.ts';
import { radar } from './svg.ts';

const text = { t: stringsFor('fr'), f: formatter('fr') };
const shown = (value: number, n = 200): IndexResult => ({
  value,
  ciLow: value - 5,
  ciHigh: value + 5,
  n,
  nEff: n,
  lowSample: false,
  suppressed: false,
});
const hidden = (n: number): IndexResult => ({
  value: null,
  ciLow: null,
  ciHigh: null,
  n,
  nEff: n,
  lowSample: true,
  suppressed: true,
});

describe('html`…`', () => {
  it('escapes every interpolated text, joins arrays and keeps markup as it is', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<p title="${`"x" & 'y'`}">${['<a>', inner, 3, null, false]}</p>`.text).toBe(
      '<p title="&quot;x&quot; &amp; &#39;y&#39;">&lt;a&gt;<b>&lt;i&gt;</b>3</p>',
    );
    expect(inner).toBeInstanceOf(Markup);
  });
});

describe('formatter', () => {
  const fr = formatter('fr');
  const en = formatter('en');

  it('reads net scores signed, with the minus sign and no sign on zero', () => {
    expect([fr.score('nps', 6), fr.score('nps', -12), fr.score('nps', 0), fr.score('nps', -0.01)]).toEqual([
      '+6,0',
      '\u221212,0',
      '0,0',
      '0,0',
    ]);
    expect([fr.score('satisfaction', 72.44), en.score('relativeValue', -1.75)]).toEqual(['72,4', '\u22121.8']);
  });

  it('writes "p < 0,001" and "p = 0,028", never "p = < 0,001"', () => {
    expect([fr.p(2e-29), fr.p(0.0283), en.p(0.0004), en.p(0.5)]).toEqual([
      'p\u00a0<\u00a00,001',
      'p\u00a0=\u00a00,028',
      'p\u00a0<\u00a00.001',
      'p\u00a0=\u00a00.5',
    ]);
  });

  it('gives a whole n_eff no decimal, a weighted one a decimal, and French spacing in thousands', () => {
    expect([fr.nEff(296), fr.nEff(29.999999999999996), fr.nEff(123.456), fr.int(12345)]).toEqual([
      '296',
      '30',
      '123,5',
      '12\u202f345',
    ]);
  });
});

describe('charts', () => {
  it('breaks the trend line at a withheld month and marks it', () => {
    const svg = trendChart(
      'NPS',
      [
        { month: '2026-01', index: shown(10) },
        { month: '2026-02', index: shown(12) },
        { month: '2026-03', index: hidden(12) },
        { month: '2026-04', index: shown(20) },
      ],
      [-100, 100],
      '#000',
      text,
    ).text;
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('>×</text>');
    expect(svg).toContain('masqué : moins de 30 réponses effectives (n\u00a0=\u00a012)');
  });

  it('sets the unfinished month apart: hollow, joined by a dashed line, labelled as ongoing', () => {
    const points = [
      { month: '2026-09', index: shown(10) },
      { month: '2026-10', index: shown(12) },
      { month: '2026-11', index: shown(30), unfinished: true },
    ];
    const svg = trendChart('NPS', points, [-100, 100], '#123456', text).text;
    // The solid line stops at October; November is a hollow point at the end of a dashed link.
    expect(svg.match(/<polyline points="([^"]*)"/)?.[1]?.split(' ')).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray="4 3"');
    expect(svg.match(/<circle[^>]*fill="#fff"/g)).toHaveLength(1);
    expect(svg).toContain('>en cours</text>');
    const finished = trendChart('NPS', points.slice(0, 2), [-100, 100], '#123456', text).text;
    expect(finished).not.toContain('en cours');
    expect(finished).not.toContain('fill="#fff"');
  });

  it('draws the hexagon only when every dimension is shown, and names the withheld ones', () => {
    const axes = ['presence', 'place', 'prerequisites', 'people', 'pulse', 'potential'].map((d, k) => ({
      label: d,
      index: k === 2 ? hidden(12) : shown(60),
    }));
    const partial = radar('Image', axes, '#000', text).text;
    expect(partial).not.toContain('stroke-width="2"');
    expect(partial).toContain('masqué (n\u00a0=\u00a012)');
    expect(
      radar(
        'Image',
        axes.map((a) => ({ ...a, index: shown(60) })),
        '#000',
        text,
      ).text,
    ).toContain('fill-rule="evenodd"');
  });
});

describe('the renderers’ sources', () => {
  it('keep every line of code under 160 characters (markup written over several lines, not one of 400)', () => {
    const here = dirname(fileURLToPath(import.meta.url));
    // The words files hold sentences of prose, which are not markup.
    const long = readdirSync(here)
      .filter((f) => f.endsWith('.ts') && !f.startsWith('strings-'))
      .flatMap((f) =>
        readFileSync(join(here, f), 'utf8')
          .split('\n')
          .flatMap((line, k) => (line.length >= 160 ? [`${f}:${k + 1} (${line.length})`] : [])),
      );
    expect(long).toEqual([]);
  });
});
