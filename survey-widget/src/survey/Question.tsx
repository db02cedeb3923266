/** One question, rendered as a labelled group: scales and single choices are radio groups. */
import type { AnswerValue, Question as Q, ScaleQuestion } from '#analytics/questionnaire.ts';
import { fill, tr, type Strings } from '../i18n.ts';

export interface QuestionProps {
  q: Q;
  value: AnswerValue | undefined;
  error: string | undefined;
  onChange(value: AnswerValue | undefined): void;
  locale: string;
  fallback: string;
  t: Strings;
}

/** Same scales as analytics' scaleOf; repeated because the widget imports types only. */
function pointsOf(q: ScaleQuestion): number[] {
  const { min, max } = q.type === 'nps' ? { min: 0, max: 10 } : q.type === 'comparison' ? { min: 1, max: 5 } : q.scale;
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

export function Question(props: QuestionProps) {
  const { q, error, locale, fallback, t } = props;
  const label = tr(q.label, locale, fallback);
  const help = tr(q.help, locale, fallback);
  const id = `q-${q.id}`;
  /** `more`: whether the question shows a counter, end labels or "several answers possible". */
  const describedBy = (more: unknown) =>
    [help && `${id}-help`, more && `${id}-more`, error && `${id}-err`].filter(Boolean).join(' ') || undefined;
  const head = (
    <>
      {label}
      {q.required && <span class="req"> ({t.required})</span>}
    </>
  );
  const tail = (
    <>
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
    </>
  );
  if (q.type === 'text') {
    const text = typeof props.value === 'string' ? props.value : '';
    return (
      // biome-ignore lint/a11y/useSemanticElements: the question's title is the textarea's own <label>, which a fieldset's <legend> cannot be
      <div role="group" aria-labelledby={`${id}-l`}>
        <label id={`${id}-l`} for={id} class="legend">
          {head}
        </label>
        <textarea
          id={id}
          maxLength={q.maxLength}
          value={text}
          aria-required={q.required ? 'true' : undefined}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy(true)}
          onInput={(e) => props.onChange(e.currentTarget.value || undefined)}
        />
        <p class="count" id={`${id}-more`}>
          {fill(t.characters, { n: [...text].length, max: q.maxLength })}
        </p>
        {tail}
      </div>
    );
  }
  if (q.type === 'choice') {
    const chosen = Array.isArray(props.value) ? props.value : [];
    return (
      <fieldset
        role={q.multiple ? undefined : 'radiogroup'}
        aria-describedby={describedBy(q.multiple)}
        {...invalid(q.multiple, error, q.required)}
      >
        <legend>{head}</legend>
        {q.multiple && (
          <p class="hint" id={`${id}-more`}>
            {t.several}
          </p>
        )}
        <div class="opts">
          {q.options.map((o) => (
            <label class="opt" key={o.id}>
              <input
                type={q.multiple ? 'checkbox' : 'radio'}
                name={id}
                value={o.id}
                checked={q.multiple ? chosen.includes(o.id) : props.value === o.id}
                onChange={(e) => {
                  if (!q.multiple) return props.onChange(o.id);
                  // The boxes themselves, not this render's value: two quick ticks must both count.
                  const boxes =
                    e.currentTarget.closest('fieldset')?.querySelectorAll<HTMLInputElement>('input:checked') ?? [];
                  const next = [...boxes].map((b) => b.value);
                  props.onChange(next.length ? next : undefined);
                }}
              />
              <span>{tr(o.label, locale, fallback)}</span>
            </label>
          ))}
        </div>
        {tail}
      </fieldset>
    );
  }
  const points = pointsOf(q);
  const ends =
    q.type === 'nps'
      ? [t.npsLow, t.npsHigh]
      : q.type === 'differential'
        ? [tr(q.left, locale, fallback), tr(q.right, locale, fallback)]
        : q.type === 'rating' && (q.minLabel || q.maxLabel)
          ? [tr(q.minLabel, locale, fallback), tr(q.maxLabel, locale, fallback)]
          : undefined;
  const radio = (v: number | null, text: string) => (
    <label class={v === null ? 'opt dk' : 'pt'} key={String(v)}>
      <input type="radio" name={id} value={String(v)} checked={props.value === v} onChange={() => props.onChange(v)} />
      <span>{text}</span>
    </label>
  );
  return (
    // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA in HTML allows radiogroup on fieldset; it names the scale as one choice
    <fieldset role="radiogroup" aria-describedby={describedBy(ends)} {...invalid(false, error, q.required)}>
      <legend>{head}</legend>
      {q.type === 'comparison' && <p class="hint">{fill(t.compared, { x: q.competitor })}</p>}
      <div class={q.type === 'comparison' ? 'pts cmp' : points.length > 7 ? 'pts wide' : 'pts'}>
        {points.map((v, i) => radio(v, q.type === 'comparison' ? (t.comparison[i] ?? String(v)) : String(v)))}
      </div>
      {ends && (
        <p class="ends" id={`${id}-more`}>
          <span>{`${points[0]} – ${ends[0]}`}</span>
          <span>{`${points[points.length - 1]} – ${ends[1]}`}</span>
        </p>
      )}
      {q.dontKnow && <div class="opts">{radio(null, t.dontKnow)}</div>}
      {tail}
    </fieldset>
  );
}

/** aria-invalid / aria-required belong on the radiogroup role, not on a plain group. */
function invalid(multiple: boolean | undefined, error: string | undefined, required: boolean | undefined) {
  if (multiple) return {};
  return {
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-required': required ? ('true' as const) : undefined,
  };
}
