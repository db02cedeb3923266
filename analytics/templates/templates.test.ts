import { describe, expect, it } from 'vitest';
import { isScaleQuestion, measuresOf, SurveyDefinition } from '../questionnaire.ts';
import { TEMPLATES, chosenBlocks, slugOf, surveyFromTemplate } from './index.ts';

/** What each barometer must measure, written from the method (METHODOLOGY.md's index table), not read from the templates. */
const HEXAGON = ['people', 'place', 'potential', 'prerequisites', 'presence', 'pulse'];
const PERVAL = ['emotional', 'price', 'quality', 'social'];
const EXPECTED: Record<string, { defaults: Record<string, string[]>; everything: Record<string, string[]> }> = {
  'visitor-barometer': {
    defaults: {
      nps: ['nps'],
      satisfaction: ['accommodation', 'food', 'heritage', 'transport', 'welcome'],
      image: HEXAGON,
      value: PERVAL,
      relativeValue: ['Nîmes', 'Arles'],
    },
    everything: {
      nps: ['nps'],
      satisfaction: ['accommodation', 'events', 'food', 'heritage', 'nature', 'services', 'transport', 'welcome'],
      image: HEXAGON,
      value: PERVAL,
      relativeValue: ['Nîmes', 'Arles'],
    },
  },
  'resident-barometer': {
    defaults: {
      nps: ['nps'],
      satisfaction: ['events', 'housing', 'nature', 'services', 'transport'],
      image: HEXAGON,
      value: PERVAL,
    },
    everything: {
      nps: ['nps'],
      satisfaction: ['events', 'housing', 'nature', 'safety', 'services', 'shops', 'transport'],
      image: HEXAGON,
      value: PERVAL,
      relativeValue: ['Nîmes', 'Arles'],
    },
  },
  'investor-barometer': {
    defaults: {
      nps: ['nps'],
      satisfaction: ['access', 'life', 'networks', 'premises', 'support', 'talent'],
      image: HEXAGON,
      relativeValue: ['Nîmes', 'Arles'],
    },
    everything: {
      nps: ['nps'],
      satisfaction: ['access', 'life', 'networks', 'premises', 'support', 'talent'],
      image: HEXAGON,
      value: PERVAL,
      relativeValue: ['Nîmes', 'Arles'],
    },
  },
};

function measured(definition: SurveyDefinition): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const q of definition.questions.filter(isScaleQuestion)) {
    const m = measuresOf(q);
    if (!m) throw new Error(`${q.id} measures nothing`);
    (out[m.index] ??= []).push(m.dimension);
  }
  for (const [k, v] of Object.entries(out)) out[k] = k === 'relativeValue' ? v : v.sort();
  return out;
}

const build = (id: string, modules?: string[]) => {
  const template = TEMPLATES.find((t) => t.id === id);
  if (!template) throw new Error(id);
  const input = surveyFromTemplate(template, { place: 'Avignon', competitors: ['Nîmes', ' Arles ', 'nimes'], modules });
  return { template, input, parsed: SurveyDefinition.safeParse(input) };
};

describe('the barometer templates', () => {
  it('are the three publics, in French and English', () => {
    expect(TEMPLATES.map((t) => t.audience)).toEqual(['visitor', 'resident', 'investor']);
    for (const t of TEMPLATES) {
      const texts: Record<string, unknown>[] = [];
      JSON.stringify(t, (_, v: unknown) => {
        if (v && typeof v === 'object' && 'fr' in v) texts.push(v as Record<string, unknown>);
        return v;
      });
      for (const text of texts) expect(Object.keys(text).sort(), JSON.stringify(text)).toEqual(['en', 'fr']);
    }
  });

  for (const id of Object.keys(EXPECTED)) {
    describe(id, () => {
      it('validates against the survey schema by default and with every module', () => {
        const all = build(id)
          .template.blocks.filter((b) => b.optional)
          .map((b) => b.id);
        for (const modules of [undefined, all]) {
          const { parsed } = build(id, modules);
          expect(parsed.error?.issues ?? []).toEqual([]);
        }
      });

      it('maps every scale question to the index and dimension it is meant to measure', () => {
        const all = build(id)
          .template.blocks.filter((b) => b.optional)
          .map((b) => b.id);
        const defaults = build(id).parsed.data;
        const everything = build(id, all).parsed.data;
        if (!defaults || !everything) throw new Error('invalid');
        expect(measured(defaults)).toEqual(EXPECTED[id]?.defaults);
        expect(measured(everything)).toEqual(EXPECTED[id]?.everything);
      });

      it('is short by default (about three minutes) and explains every block', () => {
        const { template, parsed } = build(id);
        expect(template.minutes).toBe(3);
        // About 10 seconds a question, two competitors named: 25 at most keeps it near three minutes.
        expect(parsed.data?.questions.length).toBeLessThanOrEqual(25);
        expect(parsed.data?.questions.filter((q) => q.required).map((q) => q.id)).toEqual(['recommend']);
        for (const block of template.blocks) expect(block.why.fr?.length, block.id).toBeGreaterThan(100);
      });

      it('names the place and each competitor in plain sentences, with no placeholder left', () => {
        const { input } = build(id);
        const text = JSON.stringify(input);
        expect(text).not.toMatch(/\{(place|competitor|slug)\}/);
        expect(input.title.fr).toContain('Avignon');
        expect(input.questions[0]?.label.fr).toContain('Avignon');
      });
    });
  }

  it('asks the same hexagon statements of every public, so their images compare', () => {
    const hexagons = TEMPLATES.map((t) => JSON.stringify(chosenBlocks(t).find((b) => b.id === 'image')));
    expect(new Set(hexagons).size).toBe(1);
  });

  it('makes question ids of competitor names, once per name whatever its accents or spaces', () => {
    expect(slugOf('Nîmes')).toBe('nimes');
    expect(slugOf("L'Isle-sur-la-Sorgue")).toBe('l_isle_sur_la_sorgue');
    expect(slugOf('!!!')).toBe('x');
    const { input } = build('visitor-barometer');
    expect(input.questions.filter((q) => q.type === 'comparison').map((q) => q.id)).toEqual(['vs_nimes', 'vs_arles']);
  });
});
