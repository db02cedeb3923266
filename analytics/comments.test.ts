import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMMENT_MAX_CHARS,
  commentExcerpt,
  dayCommentDigest,
  monthCommentDigest,
  PICKS_PER_CELL,
  reportComments,
} from './comments.ts';
import type { CommentDigest } from './comments-schema.ts';
import { type Audience, type StoredResponse, SurveyDefinition } from './questionnaire.ts';

const definition = SurveyDefinition.parse({
  title: { fr: 'Baromètre' },
  audiences: ['visitor', 'resident', 'investor'],
  questions: [
    { id: 'recommend', type: 'nps', label: { fr: 'Recommanderiez-vous ?' } },
    { id: 'comment', type: 'text', maxLength: 2000, label: { fr: 'Un commentaire ?' } },
    {
      id: 'business',
      type: 'text',
      maxLength: 500,
      label: { fr: 'Et pour votre entreprise ?' },
      audiences: ['investor'],
    },
  ],
});
const definitions = new Map([[1, definition]]);

let serial = 0;
function response(day: string, audience: Audience, comment?: string): StoredResponse {
  serial++;
  return {
    id: `00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    surveyId: 's',
    version: 1,
    audience,
    locale: 'fr',
    channel: 'web',
    submittedAt: `${day}T10:00:00Z`,
    day,
    answers: { recommend: 8, ...(comment === undefined ? {} : { comment }) },
  };
}

/** `asked` respondents of one audience on one day, the first `written` of them with a comment. */
function crowd(
  day: string,
  audience: Audience,
  asked: number,
  written: number,
  text = (i: number) => `Commentaire numéro ${i} sur la ville`,
) {
  return Array.from({ length: asked }, (_, i) => response(day, audience, i < written ? text(i) : undefined));
}

const month = (m: string, ...days: [string, StoredResponse[]][]) => ({
  month: m,
  digest: monthCommentDigest(days.map(([day, rs]) => dayCommentDigest(day, rs, definitions))),
});

describe('a day’s comment digest', () => {
  it('counts who was asked and who wrote, per audience and question, and keeps a few', () => {
    const rs = [
      ...crowd('2026-03-04', 'visitor', 8, 7),
      response('2026-03-04', 'investor', '   '),
      response('2026-03-04', 'resident'),
    ];
    const digest = dayCommentDigest('2026-03-04', rs, definitions);
    expect(digest.comment?.visitor).toMatchObject({ asked: 8, count: 7, first: 4, last: 4 });
    expect(digest.comment?.visitor?.picks).toHaveLength(PICKS_PER_CELL);
    // Blank is no comment; a question not put to an audience counts nobody of it.
    expect(digest.comment?.investor).toMatchObject({ asked: 1, count: 0, picks: [] });
    expect(digest.comment?.resident).toMatchObject({ asked: 1, count: 0 });
    expect(Object.keys(digest.business ?? {})).toEqual(['investor']);
  });

  it('masks e-mail addresses and phone numbers in what it keeps', () => {
    const text = 'Écrivez-moi à jean.dupont@example.fr ou au 06 12 34 56 78, merci pour tout';
    const digest = dayCommentDigest('2026-03-04', [response('2026-03-04', 'visitor', text)], definitions);
    expect(digest.comment?.visitor?.picks[0]?.text).toBe('Écrivez-moi à [e-mail] ou au [téléphone], merci pour tout');
  });

  it('cuts a long comment at a word with an ellipsis, and never half an emoji', () => {
    const long = `${'très '.repeat(100)}fin`;
    const excerpt = commentExcerpt(long);
    expect(excerpt.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    expect(excerpt).toMatch(/très…$/);
    const emojis = commentExcerpt('😀'.repeat(400));
    expect(emojis.endsWith('😀…')).toBe(true);
  });

  it('draws comments of a readable length before very short or very long ones', () => {
    const rs = [
      ...crowd('2026-03-04', 'visitor', 20, 20, () => 'Bien'),
      ...crowd('2026-03-04', 'visitor', 3, 3, (i) => `Un accueil vraiment chaleureux, merci ${i}`),
      ...crowd('2026-03-04', 'visitor', 3, 3, () => 'long '.repeat(100)),
    ];
    const texts = dayCommentDigest('2026-03-04', rs, definitions).comment?.visitor?.picks.map((p) => p.text) ?? [];
    expect(texts.slice(0, 3).every((t) => t.startsWith('Un accueil'))).toBe(true);
    expect(texts.slice(3)).toHaveLength(2);
  });

  it('quotes a text written alike by several respondents once, counting each of them', () => {
    const same = (i: number) => (i % 2 === 0 ? 'Très belle ville, on reviendra !' : `Avis numéro ${i} sur le séjour`);
    const rs = crowd('2026-03-04', 'visitor', 40, 40, same);
    const cell = dayCommentDigest('2026-03-04', rs, definitions).comment?.visitor;
    expect(cell?.count).toBe(40);
    const texts = cell?.picks.map((p) => p.text) ?? [];
    expect(texts).toHaveLength(PICKS_PER_CELL);
    expect(new Set(texts).size).toBe(texts.length);
    const shown = reportComments(
      { from: '2026-03-01', to: '2026-03-31' },
      [month('2026-03', ['2026-03-04', rs])],
      ['comment'],
    )[0]?.shown.map((s) => s.text);
    expect(new Set(shown).size).toBe(PICKS_PER_CELL);
  });

  it('keeps the language each kept comment was written in, from its respondent’s locale', () => {
    const rs = crowd('2026-03-04', 'visitor', 30, 30).map((r, i) => ({ ...r, locale: i % 2 ? 'en-GB' : 'fr' }));
    const byText = new Map(rs.map((r) => [r.answers.comment, r.locale.slice(0, 2)]));
    const picks = dayCommentDigest('2026-03-04', rs, definitions).comment?.visitor?.picks ?? [];
    expect(picks.length).toBe(PICKS_PER_CELL);
    for (const p of picks) expect(p.lang).toBe(byText.get(p.text));
    const shown = reportComments(
      { from: '2026-03-01', to: '2026-03-31' },
      [month('2026-03', ['2026-03-04', rs])],
      ['comment'],
    )[0]?.shown;
    for (const s of shown ?? []) expect(s.lang).toBe(byText.get(s.text));
  });

  it('is the same whatever order the responses come in, and a rerun draws the same', () => {
    const rs = crowd('2026-03-04', 'visitor', 40, 40);
    const once = dayCommentDigest('2026-03-04', rs, definitions);
    expect(dayCommentDigest('2026-03-04', [...rs].reverse(), definitions)).toEqual(once);
    expect(dayCommentDigest('2026-03-04', rs, definitions)).toEqual(once);
  });
});

describe('a month’s comment digest', () => {
  it('is the exact merge of its days in any order or grouping: the lowest draws of the month', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 6 }), (sizes) => {
        const days = sizes.map((n, i) => {
          const day = `2026-03-${String(i + 1).padStart(2, '0')}`;
          return dayCommentDigest(day, crowd(day, 'visitor', n + 30, n), definitions);
        });
        const whole = monthCommentDigest(days);
        expect(monthCommentDigest([...days].reverse())).toEqual(whole);
        // The days repeat the same texts: the month keeps each text once, at its lowest rank.
        const best = new Map<string, number>();
        for (const p of days.flatMap((d) => d.comment?.visitor?.picks ?? []))
          best.set(p.text, Math.min(p.rank, best.get(p.text) ?? Number.POSITIVE_INFINITY));
        const lowest = [...best.values()].sort((a, b) => a - b).slice(0, PICKS_PER_CELL);
        expect(whole.comment?.visitor?.picks.map((p) => p.rank)).toEqual(lowest);
        expect(whole.comment?.visitor?.count).toBe(sizes.reduce((s, n) => s + n, 0));
      }),
    );
  });

  it('keeps no selection of an audience asked fewer than 30 times, only its counts', () => {
    const thin = month('2026-03', ['2026-03-04', crowd('2026-03-04', 'investor', 29, 10)]);
    expect(thin.digest.comment?.investor).toMatchObject({ asked: 29, count: 10, picks: [] });
    const enough = month('2026-03', ['2026-03-04', crowd('2026-03-04', 'investor', 30, 10)]);
    expect(enough.digest.comment?.investor?.picks).toHaveLength(PICKS_PER_CELL);
  });
});

describe('the comments of a report', () => {
  const march = month(
    '2026-03',
    ['2026-03-02', [...crowd('2026-03-02', 'visitor', 25, 6), ...crowd('2026-03-02', 'investor', 4, 3)]],
    ['2026-03-20', crowd('2026-03-20', 'visitor', 15, 4)],
  );
  const april = month('2026-04', [
    '2026-04-10',
    [...crowd('2026-04-10', 'visitor', 12, 2), ...crowd('2026-04-10', 'investor', 31, 9)],
  ]);

  it('shows and counts only audience-months of 30 asked or more, and never a thin one’s count', () => {
    const [comments] = reportComments({ from: '2026-03-01', to: '2026-04-30' }, [march, april], ['comment']);
    expect(comments?.byAudience).toEqual({
      visitor: { count: 10, withheld: 'thin' }, // March (40 asked) counted; April (12) left out
      investor: { count: 9, withheld: 'thin' }, // April (31) counted; March (4) left out
    });
    expect(comments?.count).toBe(19);
    expect(comments?.shown.map((s) => [s.audience, s.month])).toEqual([
      ...Array(PICKS_PER_CELL).fill(['visitor', '2026-03']),
      ...Array(PICKS_PER_CELL).fill(['investor', '2026-04']),
    ]);
  });

  it('withholds a question whose every audience-month is thin, saying so, without a count', () => {
    const [comments] = reportComments({ from: '2026-04-01', to: '2026-04-30' }, [april], ['comment']);
    expect(comments?.byAudience.visitor).toEqual({ count: null, withheld: 'thin' });
    const [onlyThin] = reportComments({ from: '2026-03-01', to: '2026-03-31' }, [march], ['business']);
    expect(onlyThin).toEqual({
      question: 'business',
      count: null,
      byAudience: { investor: { count: null, withheld: 'thin' } },
      shown: [],
      withheld: 'thin',
    });
  });

  it('counts a period’s first or last month only when it holds all that month’s answers of the audience', () => {
    // 1–19 March cuts the visitors' March (answers on the 2nd and the 20th): left out.
    const [cut] = reportComments({ from: '2026-03-01', to: '2026-03-19' }, [march], ['comment']);
    expect(cut).toMatchObject({ count: null, shown: [] });
    expect(cut?.byAudience.visitor).toEqual({ count: null, withheld: 'edges' });
    // 1–25 March holds every March answer: the month counts, as "this month" does before it ends.
    const [whole] = reportComments({ from: '2026-03-01', to: '2026-03-25' }, [march], ['comment']);
    expect(whole?.count).toBe(10);
    // 3–31 March: the visitors' 2nd is cut off, the month is left out; their answers of the 20th are not counted alone.
    const [late] = reportComments({ from: '2026-03-03', to: '2026-03-31' }, [march], ['comment']);
    expect(late?.byAudience.visitor).toEqual({ count: null, withheld: 'edges' });
  });

  it('lists a text question with no answers as zero comments', () => {
    const quiet: CommentDigest = {};
    expect(
      reportComments({ from: '2026-03-01', to: '2026-03-31' }, [{ month: '2026-03', digest: quiet }], ['comment']),
    ).toEqual([{ question: 'comment', count: 0, byAudience: {}, shown: [] }]);
  });
});
