/**
 * One question as a labelled group: a text box, a list of choices (radio buttons, or check
 * boxes when several answers are possible), or a scale as a radio group, alone or as a row of
 * a grid.
 */
import type { AnswerValue, LocalizedText, Question as Q, ScaleQuestion } from '#analytics/questionnaire.ts';
import { fill, type Strings } from '../i18n.ts';

/** A survey's text in the language shown. */
export type Say = (text: LocalizedText | undefined) => string;

export interface QuestionProps {
  q: Q;
  value: AnswerValue | undefined;
  error: string | undefined;
  /** `picked`: one answer chosen on a one-answer question (a radio button), where a tap may move on. */
  onChange(value: AnswerValue | undefined, picked?: boolean): void;
  say: Say;
  t: Strings;
  /** A row of a grid, whose first row's end labels (this id) stand for all: a rating says them once. */
  grid?: string | false | undefined;
}

/** Same scales as analytics' scaleOf; repeated because the widget imports types only. */
function pointsOf(q: ScaleQuestion): number[] {
  const { min, max } = q.type === 'nps' ? { min: 0, max: 10 } : q.type === 'comparison' ? { min: 1, max: 5 } : q.scale;
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

/** The words at both ends of a scale, with their points ("0 – Pas du tout probable"), if it has some. */
function endsOf(q: Q, t: Strings, say: Say): [string, string] | undefined {
  if (q.type === 'text' || q.type === 'choice' || q.type === 'comparison') return undefined;
  const ends =
    q.type === 'nps'
      ? [t.npsLow, t.npsHigh]
      : q.type === 'differential'
        ? [say(q.left), say(q.right)]
        : (q.minLabel || q.maxLabel) && [say(q.minLabel), say(q.maxLabel)];
  const points = pointsOf(q);
  return ends ? [`${points[0]} – ${ends[0]}`, `${points[points.length - 1]} – ${ends[1]}`] : undefined;
}

export function Question({ q, value, error, onChange, say, t, grid }: QuestionProps) {
  const help = say(q.help);
  const id = `q-${q.id}`;
  const text = typeof value === 'string' ? value : '';
  const multiple = q.type === 'choice' && q.multiple;
  const radios = !multiple && q.type !== 'text';
  const ends = endsOf(q, t, say);
  // In a grid, a rating's ends are said by the first row only; a differential's stay with each row.
  const ownEnds = ends && !(grid && grid !== `${id}-more` && q.type === 'rating');
  const more =
    q.type === 'text' ? `${id}-more ${id}-nc` : multiple || q.type === 'comparison' || ownEnds ? `${id}-more` : grid;
  const describedBy = [help && `${id}-help`, more, error && `${id}-err`].filter(Boolean).join(' ') || undefined;
  const states = {
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-required': q.required ? ('true' as const) : undefined,
  };
  const Label = q.type === 'text' ? 'label' : 'p';
  const option = (v: string | number | null, label: string, kind: string) => (
    <label class={kind} key={String(v)}>
      <input
        type={multiple ? 'checkbox' : 'radio'}
        name={id}
        value={String(v)}
        checked={multiple ? Array.isArray(value) && value.includes(String(v)) : value === v}
        onChange={(e) => {
          if (!multiple) return onChange(v, true);
          // The boxes themselves, not this render's value: two quick ticks must both count.
          const ticked = e.currentTarget.closest('[role=group]')?.querySelectorAll<HTMLInputElement>(':checked') ?? [];
          const next = [...ticked].map((b) => b.value);
          onChange(next.length ? next : undefined);
        }}
      />
      <span>{label}</span>
    </label>
  );
  const points = q.type === 'text' || q.type === 'choice' ? [] : pointsOf(q);
  return (
    // biome-ignore lint/a11y/useAriaPropsSupportedByRole: the role is radiogroup or group (set just below), both named by aria-labelledby
    <div
      role={radios ? 'radiogroup' : 'group'}
      class={grid ? 'row' : undefined}
      aria-labelledby={`${id}-l`}
      aria-describedby={q.type === 'text' ? undefined : describedBy}
      {...(radios && states)}
    >
      <Label class="legend" id={`${id}-l`} for={q.type === 'text' ? id : undefined}>
        {say(q.label)}
        {q.required && <span class="req"> ({t.required})</span>}
      </Label>
      {q.type === 'text' && (
        <>
          <textarea
            id={id}
            maxLength={q.maxLength}
            value={text}
            aria-describedby={describedBy}
            {...states}
            onInput={(e) => onChange(e.currentTarget.value || undefined)}
          />
          <p class="count" id={`${id}-more`}>
            {fill(t.characters, { n: [...text].length, max: q.maxLength })}
          </p>
          <p class="hint" id={`${id}-nc`}>
            {t.noContact}
          </p>
        </>
      )}
      {multiple && (
        <p class="hint" id={`${id}-more`}>
          {t.several}
        </p>
      )}
      {q.type === 'comparison' && (
        <p class="hint" id={`${id}-more`}>
          {fill(t.compared, { x: q.competitor })}
        </p>
      )}
      {q.type === 'choice' && <div class="opts">{q.options.map((o) => option(o.id, say(o.label), 'opt'))}</div>}
      {points.length > 0 && (
        <div class={q.type === 'comparison' ? 'pts cmp' : points.length > 7 ? 'pts wide' : 'pts'}>
          {points.map((v, i) => option(v, q.type === 'comparison' ? (t.comparison[i] ?? String(v)) : String(v), 'pt'))}
        </div>
      )}
      {ownEnds && (
        <p class="ends" id={`${id}-more`}>
          <span>{ends[0]}</span>
          <span>{ends[1]}</span>
        </p>
      )}
      {q.type !== 'text' && q.type !== 'choice' && q.dontKnow && (
        <div class="opts dk">
          {option(null, q.type === 'comparison' ? fill(t.dontKnowPlace, { x: q.competitor }) : t.dontKnow, 'opt')}
        </div>
      )}
      {help && (
        <p class="hint" id={`${id}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p class="err" id={`${id}-err`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
