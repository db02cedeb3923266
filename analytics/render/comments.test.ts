import { describe, expect, it } from 'vitest';
import type { Report } from '../report-schema.ts';
import { reportCsv } from './csv.ts';
import { fixtureReport } from './fixture.ts';
import { reportHtml } from './html.ts';

const comments: NonNullable<Report['comments']> = [
  {
    question: 'comment',
    count: 42,
    byAudience: { visitor: { count: 42, withheld: 'thin' }, investor: { count: null, withheld: 'thin' } },
    shown: [
      { text: 'Très bel accueil <b>vraiment</b> & merci', month: '2026-03', audience: 'visitor' },
      { text: 'Lovely town, friendly people', month: '2026-03', audience: 'visitor', lang: 'en' },
    ],
  },
  {
    question: 'ideas',
    count: null,
    byAudience: { resident: { count: null, withheld: 'edges' } },
    shown: [],
    withheld: 'edges',
  },
  { question: 'quiet', count: 0, byAudience: {}, shown: [] },
];
const report: Report = { ...fixtureReport(), comments };
const options = { title: 'Baromètre', territoryName: 'Avignon', itemLabels: { comment: 'Un commentaire ?' } };

describe('comments in the rendered report', () => {
  it('says each question’s count by public, quotes what is shown, escaped, and says why the rest is withheld', () => {
    const page = reportHtml(report, { ...options, lang: 'fr' });
    const section = page.slice(
      page.indexOf('<h2>Commentaires</h2>'),
      page.indexOf('</section>', page.indexOf('<h2>Commentaires</h2>')),
    );
    expect(section).toContain('<h3>Un commentaire ?</h3>');
    expect(section).toContain(
      '<b>42 commentaires</b> · Visiteurs : 42 commentaires (certains mois non publiés : moins de 30 personnes ' +
        'interrogées dans le mois) · Investisseurs : masqué : moins de 30 personnes interrogées dans le mois',
    );
    expect(section).toContain(
      '<q>Très bel accueil &lt;b&gt;vraiment&lt;/b&gt; &amp; merci</q> <small>Visiteurs · mars 2026</small>',
    );
    // A quote in another language than the page's is marked as such (WCAG 3.1.2, language of parts).
    expect(section).toContain('<q lang="en">Lovely town, friendly people</q>');
    expect(section).toContain(
      '<h3>ideas</h3>\n<p class="meta"><b>masqué : la période coupe un mois : choisissez des mois entiers</b>',
    );
    expect(section).toContain('<b>0 commentaire</b>');
    expect(page).toContain('<b>Commentaires.</b> Au plus cinq commentaires');
  });

  it('reads in English with lang=en', () => {
    const page = reportHtml(report, { ...options, lang: 'en' });
    expect(page).toContain(
      '<b>42 comments</b> · Visitors: 42 comments (some months not published: fewer than 30 people asked in the month)',
    );
    expect(page).toContain('<small>Visitors · Mar 2026</small>');
  });

  it('puts each question’s count in the CSV, overall and by public, withheld as in the report, and no text', () => {
    const csv = reportCsv(report, { separator: ',', lang: 'fr' });
    const rows = csv.split('\r\n').filter((l) => l.includes(',comments,'));
    expect(rows.map((r) => r.split(',').slice(3, 9).join(','))).toEqual([
      'all,Ensemble,comments,,comment,comment',
      'visitor,Visiteurs,comments,,comment,comment',
      'investor,Investisseurs,comments,,comment,comment',
      'all,Ensemble,comments,,ideas,ideas',
      'resident,Résidents,comments,,ideas,ideas',
      'all,Ensemble,comments,,quiet,quiet',
    ]);
    const answered = rows.map((r) => r.split(',').at(-1));
    expect(answered).toEqual(['42', '42', '', '', '', '0']);
    expect(csv).not.toContain('accueil');
  });
});
