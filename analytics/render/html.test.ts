/**
 * The HTML report as its readers use it: what the first page says, how every figure reads, why a
 * missing one is missing. Expected words and numbers are written here from the report JSON (one
 * decimal with a comma, the minus sign U+2212), never taken from the renderer.
 */
import { describe, expect, it } from 'vitest';
import type { ComparisonEntry, IndexResult, Report } from '../report-schema.ts';
import { fixtureDefinition, fixtureReport, fixtureTrends } from './fixture.ts';
import { reportHtml } from './html.ts';

const report = fixtureReport();
const definition = fixtureDefinition();
const itemLabels = Object.fromEntries(definition.questions.map((q) => [q.id, q.label.fr ?? q.id]));
const optionLabels = Object.fromEntries(
  definition.questions.flatMap((q) =>
    q.type === 'choice' ? [[q.id, Object.fromEntries(q.options.map((o) => [o.id, o.label.fr ?? o.id]))]] : [],
  ),
);
const page = (r: Report = report, lang: 'fr' | 'en' = 'fr', extra = {}) =>
  reportHtml(r, { title: 'Titre', territoryName: 'Avignon', lang, itemLabels, optionLabels, ...extra });
const copy = (r: Report): Report => structuredClone(r);

/** The text a reader sees: tags dropped, entities read, every kind of space one space. */
const visible = (h: string) =>
  h
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<title>[\s\S]*?<\/title>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[\s\u00a0\u202f]+/g, ' ');

/** A figure as the French page writes it. */
const fr = (x: number, signed = false) => {
  const s = x.toFixed(1).replace('.', ',').replace('-', '\u2212');
  return signed && Number(x.toFixed(1)) > 0 ? `+${s}` : s;
};

const trends = fixtureTrends();
const frPage = page(report, 'fr', { trends });
const frText = visible(frPage);

describe('reportHtml: the page', () => {
  it('is one self-contained page: no script, no external resource, its own CSP, a print stylesheet for A4', () => {
    expect(frPage).not.toMatch(/<script|<link|<img|@import|url\(|https?:\/\/(?!www\.w3\.org\/2000\/svg)/i);
    expect(frPage).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;;`);
    expect(frPage).toContain('@page{size:A4');
    expect(frPage).toContain('<html lang="fr">');
  });

  it('opens with the legend, then the key findings and the key figures, then the detail, the method last', () => {
    const at = (s: string) => frText.indexOf(s);
    const order = [
      'Lire ce rapport',
      "L'essentiel",
      'Indices clés',
      'Indices par public',
      'Diagnostic : où agir',
      'Comparaison avec la période de référence',
      'Qualité des échelles',
      'Méthode',
    ].map(at);
    expect(order.every((k) => k >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(frText).toContain('† échantillon faible (moins de 100 réponses effectives)');
    // The detail starts on a new printed page.
    expect(frPage).toMatch(/<section class="page"><h2>Indices par public/);
  });

  it('speaks English with lang=en', () => {
    const en = visible(page(report, 'en'));
    expect(en).toContain('Evaluation report');
    expect(en).toContain('Key findings');
    expect(en).toContain('remains significant after correction for multiple comparisons (Holm)');
    expect(en).not.toContain('Période du');
  });

  it('says how the sample was weighted: trimmed at a cap, and whether the margins were reached', () => {
    const r = copy(report);
    r.weighting = {
      method: 'raking',
      targets: { audience: { visitor: 0.5, resident: 0.4, investor: 0.1 } },
      passes: 40,
      converged: false,
      maxGap: 0.0234,
      cap: 5,
      collapsed: [],
      untargeted: [],
      capped: 3,
      nEff: 287.25,
      deff: 1.3,
      margins: [],
    };
    const text = visible(page(r));
    expect(text).toContain('Pondéré (calage sur les marges, raking) ; effet de plan 1,3, n effectif 287,3.');
    expect(text).toContain('Poids plafonnés à 5 fois le poids moyen (3 répondants au plafond).');
    expect(text).toContain(
      'Attention : les marges visées n’ont pas toutes été atteintes (écart le plus grand : 2,3 %).',
    );
    expect(frText).toContain('Non pondéré.');
  });

  it('warns when days of the period are not counted yet', () => {
    expect(frText).not.toContain('pas encore compté');
    const r = copy(report);
    r.pending = ['2026-10-30', '2026-10-31'];
    expect(visible(page(r))).toContain(
      'Attention : 2 jours de la période ne sont pas encore comptés (30/10/2026, 31/10/2026) ; le prochain calcul les ajoutera.',
    );
  });

  it('says there is no trend with fewer than two months, and marks an unfinished month', () => {
    expect(visible(page(report, 'fr', { trends: trends.slice(0, 1) }))).toContain('il faut au moins deux mois');
    expect(frText).not.toContain('mois en cours');
    const last = trends.length - 1;
    const ongoing = trends.map((p, k) => (k === last ? { ...p, unfinished: true } : p));
    expect(visible(page(report, 'fr', { trends: ongoing }))).toContain('○ mois en cours, non terminé');
  });
});

describe('reportHtml: the key findings', () => {
  const findings = frText.slice(frText.indexOf("L'essentiel"), frText.indexOf('Indices clés'));

  it('names each change that survives Holm’s correction, with its values, in words', () => {
    const c = report.comparison;
    const welcome = c?.overall.dimensions?.satisfaction.welcome;
    expect(welcome?.significant).toBe(true);
    const now = report.overall.dimensions.satisfaction.welcome?.value ?? Number.NaN;
    const then = report.baseline?.overall.dimensions.satisfaction.welcome?.value ?? Number.NaN;
    expect(findings).toContain(
      `Satisfaction « Accueil » (Ensemble) en hausse, de ${fr(then)} à ${fr(now)} (${fr(welcome?.delta ?? 0, true)} points)`,
    );
    const all = [c?.overall, ...Object.values(c?.byAudience ?? {})].flatMap((s) => [
      s?.nps,
      s?.satisfaction,
      s?.image,
      s?.value,
      ...Object.values(s?.relativeValue ?? {}),
      ...Object.values(s?.dimensions ?? {}).flatMap((d) => Object.values(d)),
    ]);
    const kept = all.filter((e) => e?.significant).length;
    expect(findings).toContain(
      `${kept} écarts restent significatifs après correction pour comparaisons multiples (Holm)`,
    );
    expect(findings).toContain('Satisfaction : pas de comparaison d’ensemble, le questionnaire a changé');
  });

  it('names the dimensions to act on, the objectives met and what is too thin to say', () => {
    const concentrate = report.overall.drivers?.items
      .filter((i) => i.quadrant === 'concentrate')
      .map((i) => i.dimension);
    expect(concentrate?.sort()).toEqual(['people', 'price']);
    expect(findings).toContain('Où agir : en priorité sur Prix (valeur perçue) et Habitants (image)');
    const met = report.objectives.filter((o) => o.ciAboveTarget).length;
    expect(findings).toContain(`Objectifs : ${met} atteints sur ${report.objectives.length}`);
    expect(findings).toContain('Non mesurable (chiffre masqué) : Image — Investisseurs');
    expect(Object.values(report.byAudience.investor?.indices ?? {}).every((i) => i.suppressed)).toBe(true);
    expect(findings).toContain('Limites : trop peu de réponses pour conclure sur : Investisseurs (');
    expect(findings).toContain('L’ensemble les laisse de côté.');
  });

  it('says when nothing changed, when there is no baseline, and when no dimension stands out', () => {
    const calm = copy(report);
    const comparisons = [calm.comparison?.overall, ...Object.values(calm.comparison?.byAudience ?? {})];
    for (const s of comparisons) {
      const entries: ComparisonEntry[] = [
        s?.nps ?? null,
        s?.satisfaction ?? null,
        s?.image ?? null,
        s?.value ?? null,
        ...Object.values(s?.relativeValue ?? {}),
        ...Object.values(s?.dimensions ?? {}).flatMap((d) => Object.values(d)),
      ];
      for (const e of entries) if (e) e.significant = false;
    }
    for (const i of calm.overall.drivers?.items ?? []) if (i.quadrant === 'concentrate') i.quadrant = 'low-priority';
    const text = visible(page(calm));
    expect(text).toContain(
      'Évolution : aucun écart significatif avec la référence (du 1 octobre 2025 au 31 octobre 2025)',
    );
    expect(text).toContain('Où agir : le diagnostic ne désigne aucune dimension à travailler en priorité.');
    const alone = copy(report);
    delete alone.baseline;
    alone.comparison = null;
    expect(visible(page(alone))).toContain('Évolution : pas de période de référence');
  });
});

describe('reportHtml: how figures read', () => {
  it('writes "p < 0,001", says Holm’s verdict in words beside p, and signs net scores', () => {
    const r = copy(report);
    const overall = r.comparison?.overall;
    if (!overall) throw new Error('the fixture has a comparison');
    overall.nps = { delta: 6, se: 2.5, statistic: 2.4, p: 0.028, significant: false };
    overall.image = { delta: -12, se: 2, statistic: -6, p: 2e-9, significant: true };
    const text = visible(page(r));
    expect(text).not.toMatch(/p = </);
    expect(text).toMatch(/Image [−\d,]+ [−\d,]+ −12,0 \[[^\]]*\] p < 0,001 ★ reste significatif après correction/);
    expect(text).toMatch(
      /Recommandation \(NPS\) [+−]?\d+,\d [+−]?\d+,\d \+6,0 \[[^\]]*\] p = 0,028 non significatif après correction pour comparaisons multiples \(Holm\)/,
    );
    const nps = report.overall.indices.nps;
    expect(text).toContain(`Recommandation (NPS) ${fr(nps.value ?? 0, true)} `);
  });

  it('gives a whole n_eff without decimal in the key figures', () => {
    const nps = report.overall.indices.nps;
    expect(Number.isInteger(nps.nEff)).toBe(true);
    expect(frText).toContain(
      `${fr(nps.ciLow ?? 0)} – ${fr(nps.ciHigh ?? 0)} ${nps.n} ${nps.nEff} sans les investisseurs`,
    );
  });

  it('says why each withheld figure is missing, in words, with its n', () => {
    const words = {
      thin: 'moins de 30 réponses effectives',
      edges: 'la période coupe un groupe de moins de 30 répondants : choisissez des mois entiers',
      complement: 'le montrer révélerait par soustraction un autre chiffre masqué',
    };
    const r = copy(report);
    r.from = '2026-10-03'; // not whole months: the advice is to choose whole months
    const investor = r.byAudience.investor?.indices;
    if (!investor) throw new Error('the fixture has investors');
    investor.nps.withheld = 'edges';
    investor.satisfaction.withheld = 'thin';
    investor.image.withheld = 'complement';
    const text = visible(page(r));
    for (const i of [investor.nps, investor.satisfaction, investor.image] as IndexResult[])
      expect(text).toContain(`masqué : ${words[i.withheld ?? 'thin']} (n = ${i.n})`);
    // A period of whole months is told to widen instead.
    const whole = copy(r);
    whole.from = '2026-10-01';
    expect(visible(page(whole))).toContain(
      'masqué : ce public n’atteint 30 répondants que sur plusieurs mois, que la période coupe : élargissez-la',
    );
  });

  it('says an overall resting on nobody left its withheld publics out, rather than that nobody answered', () => {
    const r = copy(report);
    const none = { value: null, ciLow: null, ciHigh: null, n: 0, nEff: 0, lowSample: true, suppressed: true };
    r.overall.indices.nps = none;
    for (const s of Object.values(r.byAudience))
      s.indices.nps = { ...s.indices.nps, value: null, ciLow: null, ciHigh: null, suppressed: true, withheld: 'edges' };
    const points = trends.map((p, k) => (k === 1 ? { ...p, nps: none, responses: 140 } : p));
    const h = page(r, 'fr', { trends: points });
    const text = visible(h);
    expect(text).toContain(
      'Recommandation (NPS) — — 0 0 masqué : aucun public n’a de chiffre publiable sur cette période',
    );
    expect(text).toContain('Ensemble masqué : aucun public publiable');
    expect(h).toContain('<title>masqué : aucun public n’a de chiffre publiable sur cette période');
    expect(text).not.toMatch(/Recommandation \(NPS\) — — 0 0 aucune réponse/);
  });

  it('notes what the overall leaves out', () => {
    expect(frText).toContain(
      'L’ensemble ne compte que les publics dont le chiffre peut être publié : ici sans les investisseurs, ' +
        `d’où un n inférieur aux ${report.overall.n} réponses de la période.`,
    );
  });

  it('gives the n of every value it draws, and why the others are not drawn', () => {
    const thin = fixtureReport({ perDay: 8 });
    const h = page(thin);
    const nps = thin.byAudience.investor?.indices.nps;
    expect(nps?.suppressed).toBe(true);
    expect(visible(h)).toContain(`masqué : ${nps?.withheld === 'thin' ? 'moins de 30' : 'période à élargir'}`);
    // Every value drawn in the bars, the hexagons and the objectives, with its own n.
    const sections = [thin.overall, ...Object.values(thin.byAudience)];
    const drawn: [number | null, number, boolean][] = sections.flatMap((s) => [
      ...Object.entries(s.indices).map(([k, i]): [number | null, number, boolean] => [i.value, i.n, k === 'nps']),
      ...Object.values(s.relativeValue).map((i): [number | null, number, boolean] => [i.value, i.n, true]),
      ...Object.values(s.dimensions.image).map((i): [number | null, number, boolean] => [i.value, i.n, false]),
    ]);
    const shown = drawn.filter(([v]) => v !== null);
    expect(shown.length).toBeGreaterThan(30);
    const svg = h.replace(/\u00a0/g, ' ');
    for (const [value, n, net] of shown)
      expect(svg).toMatch(new RegExp(`>${fr(value ?? 0, net).replace('+', '\\+')}( †)? · n = ${n}<`));
    const labels = svg.match(/>[+−]?\d+,\d( †)? · n = \d+</g) ?? [];
    const objectives = thin.objectives.filter((o) => o.value !== null).length;
    expect(labels.length).toBe(shown.length + objectives);
  });
});

describe('reportHtml: the detail', () => {
  it('shows durable superiority for each competitor and public', () => {
    const word = (v: boolean | null | undefined) =>
      v === true
        ? '✓ oui, durablement supérieur'
        : v === false
          ? 'non'
          : 'non établi : les trois périodes ne sont pas toutes publiables';
    expect(report.overall.durablySuperior).toEqual({ Nîmes: true, Sète: false });
    for (const name of ['Nîmes', 'Sète']) {
      const cells = [report.overall, ...Object.values(report.byAudience)].map((s) => word(s.durablySuperior?.[name]));
      expect(frText).toContain(`${name} ${cells.join(' ')}`);
    }
  });

  it('names the versions of each period and says why a composite is not compared, its dimensions being compared', () => {
    expect(frText).toContain('Questionnaire : version 2 (372 réponses)');
    expect(frText).toContain(`version 1 (${report.baseline?.versions?.[0]?.responses} réponses)`);
    expect(frText).toContain(
      'Satisfaction (Ensemble, Visiteurs, Résidents et Investisseurs) : non comparée : les deux périodes n’ont pas posé les mêmes dimensions',
    );
    const e = report.comparison?.overall.dimensions?.satisfaction.welcome;
    expect(frText).toMatch(
      new RegExp(`Satisfaction — Accueil [\\d,]+ [\\d,]+ \\+${fr(e?.delta ?? 0).replace('.', '\\.')} `),
    );
  });

  it('draws the diagnostic as an accessible chart beside the table of the same figures', () => {
    const svg = frPage.match(
      /<svg[^>]*>\s*<title>Importance et performance des dimensions — Ensemble<\/title>[\s\S]*?<\/svg>/,
    )?.[0];
    expect(svg).toBeDefined();
    expect(svg).toMatch(
      /<desc>Nuage de 11 dimensions[^<]*À travailler en priorité : Prix \(valeur perçue\) et Habitants/,
    );
    const placed = report.overall.drivers?.items.filter((i) => i.quadrant !== null) ?? [];
    expect(svg?.match(/<circle[^>]*r="4.5"[^>]*><title>/g)).toHaveLength(placed.length);
    const table = frText.slice(
      frText.indexOf('Importance et performance — Ensemble'),
      frText.indexOf('Importance par public'),
    );
    for (const item of placed) {
      const r = item.importance;
      const interval = `${r.ciLow?.toFixed(2).replace('.', ',').replace('-', '\u2212')} – ${r.ciHigh?.toFixed(2).replace('.', ',').replace('-', '\u2212')}`;
      expect(table).toContain(interval);
    }
  });

  it('shows choice shares by public with their intervals, Cronbach’s α and each question’s response rate', () => {
    const local = report.byAudience.visitor?.choices?.origin?.options.local;
    const overall = fr(report.overall.choices?.origin?.options.local?.value ?? 0);
    const visitors = `${fr(local?.value ?? 0)} % \\[${fr(local?.ciLow ?? 0)} – ${fr(local?.ciHigh ?? 0)}\\]`;
    expect(frText).toMatch(new RegExp(`la région ${overall} % \\[[^\\]]+\\] n = \\d+ ${visitors}`));
    const alpha = report.overall.reliability?.['satisfaction/transport']?.alpha ?? Number.NaN;
    expect(frText).toContain(
      `Transports (satisfaction) — Transports et Transports de nuit ${alpha.toFixed(2).replace('.', ',').replace('-', '\u2212')} faible`,
    );
    const rate = report.overall.itemResponse?.recommend;
    const percent = ((100 * (rate?.answered ?? 0)) / (rate?.asked ?? 1)).toFixed(1).replace('.', ',');
    expect(frText).toContain(`Recommanderiez-vous ? ${percent} % ${rate?.answered}/${rate?.asked}`);
  });

  it('escapes hostile survey texts, competitor names and option labels', () => {
    const hostile = '<img src=x onerror="alert(1)">';
    const r = JSON.parse(JSON.stringify(report).replaceAll('"Sète"', JSON.stringify(hostile))) as Report;
    const h = reportHtml(r, {
      title: '</title><script>alert(1)</script>',
      territoryName: '<b>A</b>',
      lang: 'fr',
      itemLabels: { ...itemLabels, origin: '<svg onload=alert(1)>' },
      optionLabels: { origin: { local: '</td><script>x</script>' } },
    });
    expect(h).not.toMatch(/<script|<img|<svg onload|<b>A<\/b>/);
    expect(h).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(visible(h)).toContain('Face à <img src=x onerror="alert(1)">');
  });
});
