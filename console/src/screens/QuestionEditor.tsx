/** One question in the editor: every type of the contract, its texts in each language, what it measures. */
import { AUDIENCES, DEFAULT_DIMENSIONS, type Audience } from '#analytics/questionnaire.ts';
import { dimensionLabel, stringsFor } from '#analytics/render/i18n.ts';
import { Check, Input, Select, useWords } from '../ui.tsx';
import { getIn, setIn, setText, type Path } from './edit.ts';

export type Q = Record<string, unknown> & { id: string; type: string };
export const TYPES = ['nps', 'rating', 'differential', 'comparison', 'choice', 'text'] as const;

/** A new question of a type, with what that type needs. */
export function blankQuestion(type: string, id: string): Q {
  const label = { fr: '' };
  switch (type) {
    case 'rating':
      return { id, type, label, scale: { min: 1, max: 5 } };
    case 'differential':
      return { id, type, label, scale: { min: 1, max: 7 }, left: { fr: '' }, right: { fr: '' } };
    case 'comparison':
      return { id, type, label, competitor: '' };
    case 'choice':
      return { id, type, label, options: [{ id: 'a', label: { fr: '' } }] };
    case 'text':
      return { id, type, label, maxLength: 1000 };
    default:
      return { id, type: 'nps', label };
  }
}

/** The same texts in each language the territory speaks; the default language's error shows on its field. */
export function Texts({
  base,
  label,
  value,
  locales,
  errors,
  onText,
}: {
  base: string;
  label: string;
  value: Record<string, string> | undefined;
  locales: string[];
  errors: Record<string, string>;
  onText: (lang: string, v: string) => void;
}) {
  const { t } = useWords();
  return (
    <div class="texts">
      {locales.map((l, i) => (
        <Input
          key={l}
          id={`${base}.${l}`.replace(/\./g, '-')}
          label={`${label} (${t.languageNames[l as 'fr' | 'en'] ?? l})`}
          value={value?.[l] ?? ''}
          onValue={(v) => onText(l, v)}
          error={errors[`${base}.${l}`] ?? (i === 0 ? errors[base] : undefined)}
        />
      ))}
    </div>
  );
}

export function QuestionEditor({
  q,
  index,
  total,
  locales,
  audiences,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  q: Q;
  index: number;
  total: number;
  locales: string[];
  audiences: Audience[];
  errors: Record<string, string>;
  onChange: (q: Q) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { t, lang } = useWords();
  const at = `questions.${index}`;
  const err = (...p: Path) => errors[[at, ...p].join('.')];
  const set = (p: Path, v: unknown) => onChange(setIn(q, p, v));
  const text = (p: Path, optional: boolean) => (l: string, v: string) => onChange(setText(q, p, l, v, optional));
  const num = (v: string) => (v.trim() === '' ? undefined : Number(v));
  const hasErrors = Object.keys(errors).some((p) => p === at || p.startsWith(`${at}.`));
  const label =
    (q.label as Record<string, string> | undefined)?.[lang] ||
    (q.label as Record<string, string> | undefined)?.fr ||
    t.untitled;
  const id = (s: string) => `q${index}-${s}`;
  const scale = q.type === 'rating' || q.type === 'differential';
  const measures = q.measures as { index?: string; dimension?: string } | undefined;
  // What the report reads of it: the index, and the dimension in the report's words.
  const measured =
    q.type === 'nps'
      ? t.indexNames.nps
      : q.type === 'comparison'
        ? `${t.indexNames.relativeValue} (${(q.competitor as string) || '…'})`
        : measures?.index && measures.index in t.indexNames
          ? `${t.indexNames[measures.index as 'satisfaction']} : ${dimensionLabel(stringsFor(lang), measures.dimension ?? '')}`
          : '';
  const dims =
    measures?.index && measures.index in DEFAULT_DIMENSIONS
      ? DEFAULT_DIMENSIONS[measures.index as keyof typeof DEFAULT_DIMENSIONS]
      : [];

  return (
    <li class={hasErrors ? 'question bad' : 'question'}>
      <details open={hasErrors || undefined}>
        <summary>
          <span class="qn">{index + 1}.</span> {label}{' '}
          <span class="hint">
            — {t.types[q.type as (typeof TYPES)[number]] ?? q.type}
            {measured && ` · ${t.measures}${measured}`}
          </span>
          {hasErrors && <span class="err"> {t.toFix}</span>}
        </summary>
        <div class="qbody">
          <Input
            id={id('id')}
            label={t.questionId}
            hint={t.questionIdHint}
            value={q.id}
            onValue={(v) => set(['id'], v)}
            error={err('id')}
          />
          <Select
            id={id('type')}
            label={t.questionType}
            value={q.type}
            onValue={(v) =>
              onChange({ ...blankQuestion(v, q.id), label: q.label, ...(q.required ? { required: true } : {}) })
            }
            options={TYPES.map((x) => [x, t.types[x]])}
          />
          <Texts
            base={`${at}.label`}
            label={t.questionLabel}
            value={q.label as Record<string, string>}
            locales={locales}
            errors={errors}
            onText={text(['label'], false)}
          />
          <Check
            id={id('required')}
            label={t.requiredAnswer}
            checked={Boolean(q.required)}
            onCheck={(v) => set(['required'], v || undefined)}
          />
          {audiences.length > 1 && (
            <fieldset>
              <legend>{t.askedTo}</legend>
              <p class="hint">{t.askedToHint}</p>
              {AUDIENCES.filter((a) => audiences.includes(a)).map((a) => {
                const list = (q.audiences as Audience[] | undefined) ?? [];
                return (
                  <Check
                    key={a}
                    id={id(`aud-${a}`)}
                    label={t.audiences[a]}
                    checked={list.includes(a)}
                    onCheck={(on) => {
                      const next = on ? [...list, a] : list.filter((x) => x !== a);
                      set(['audiences'], next.length ? next : undefined);
                    }}
                  />
                );
              })}
              {err('audiences') && <p class="err">{err('audiences')}</p>}
            </fieldset>
          )}
          {scale && (
            <div class="row">
              <Input
                id={id('min')}
                type="number"
                label={t.scaleMin}
                value={getIn(q, ['scale', 'min']) as number}
                onValue={(v) => set(['scale', 'min'], num(v))}
                error={err('scale', 'min') ?? err('scale')}
              />
              <Input
                id={id('max')}
                type="number"
                label={t.scaleMax}
                value={getIn(q, ['scale', 'max']) as number}
                onValue={(v) => set(['scale', 'max'], num(v))}
                error={err('scale', 'max')}
              />
            </div>
          )}
          {q.type === 'rating' && (
            <>
              <Texts
                base={`${at}.minLabel`}
                label={t.minLabel}
                value={q.minLabel as Record<string, string>}
                locales={locales}
                errors={errors}
                onText={text(['minLabel'], true)}
              />
              <Texts
                base={`${at}.maxLabel`}
                label={t.maxLabel}
                value={q.maxLabel as Record<string, string>}
                locales={locales}
                errors={errors}
                onText={text(['maxLabel'], true)}
              />
            </>
          )}
          {q.type === 'differential' && (
            <>
              <Texts
                base={`${at}.left`}
                label={t.leftLabel}
                value={q.left as Record<string, string>}
                locales={locales}
                errors={errors}
                onText={text(['left'], false)}
              />
              <Texts
                base={`${at}.right`}
                label={t.rightLabel}
                value={q.right as Record<string, string>}
                locales={locales}
                errors={errors}
                onText={text(['right'], false)}
              />
            </>
          )}
          {scale && (
            <>
              <Check
                id={id('reverse')}
                label={t.reverse}
                hint={t.reverseHint}
                checked={Boolean(q.reverse)}
                onCheck={(v) => set(['reverse'], v || undefined)}
              />
              <div class="row">
                <Select
                  id={id('index')}
                  label={t.measuresIndex}
                  hint={t.measuresHint}
                  value={measures?.index ?? ''}
                  onValue={(v) => set(['measures'], v ? { index: v, dimension: measures?.dimension ?? '' } : undefined)}
                  options={[
                    ['', t.measuresNothing],
                    ...(['satisfaction', 'image', 'value'] as const).map((x): [string, string] => [x, t.indexNames[x]]),
                  ]}
                  error={err('measures', 'index')}
                />
                {measures?.index && (
                  <Input
                    id={id('dimension')}
                    label={t.dimension}
                    hint={dims.length ? t.dimensionHint(dims.join(', ')) : undefined}
                    value={measures.dimension ?? ''}
                    onValue={(v) => set(['measures', 'dimension'], v || undefined)}
                    error={err('measures', 'dimension')}
                  />
                )}
              </div>
            </>
          )}
          {(scale || q.type === 'nps' || q.type === 'comparison') && (
            <Check
              id={id('dk')}
              label={t.dontKnow}
              checked={Boolean(q.dontKnow)}
              onCheck={(v) => set(['dontKnow'], v || undefined)}
            />
          )}
          {q.type === 'comparison' && (
            <Input
              id={id('competitor')}
              label={t.competitor}
              hint={t.competitorHint}
              value={q.competitor as string}
              onValue={(v) => set(['competitor'], v)}
              error={err('competitor')}
            />
          )}
          {q.type === 'text' && (
            <Input
              id={id('max-length')}
              type="number"
              label={t.maxLength}
              value={q.maxLength as number}
              onValue={(v) => set(['maxLength'], num(v))}
              error={err('maxLength')}
            />
          )}
          {q.type === 'choice' && (
            <fieldset>
              <legend>{t.options}</legend>
              <ol class="options">
                {((q.options as { id: string; label: Record<string, string> }[] | undefined) ?? []).map((o, j) => (
                  <li key={j}>
                    <Input
                      id={id(`opt${j}-id`)}
                      label={t.optionId(j + 1)}
                      value={o.id}
                      onValue={(v) => set(['options', j, 'id'], v)}
                      error={err('options', j, 'id')}
                    />
                    <Texts
                      base={`${at}.options.${j}.label`}
                      label={t.optionLabel(j + 1)}
                      value={o.label}
                      locales={locales}
                      errors={errors}
                      onText={text(['options', j, 'label'], false)}
                    />
                    <button
                      type="button"
                      class="link"
                      onClick={() =>
                        set(
                          ['options'],
                          (q.options as unknown[]).filter((_, k) => k !== j),
                        )
                      }
                    >
                      {t.removeOption(j + 1)}
                    </button>
                  </li>
                ))}
              </ol>
              {err('options') && <p class="err">{err('options')}</p>}
              <button
                type="button"
                class="secondary"
                onClick={() =>
                  set(
                    ['options'],
                    [
                      ...((q.options as unknown[]) ?? []),
                      { id: `o${((q.options as unknown[]) ?? []).length + 1}`, label: { fr: '' } },
                    ],
                  )
                }
              >
                {t.addOption}
              </button>
              <Check
                id={id('multiple')}
                label={t.multiple}
                checked={Boolean(q.multiple)}
                onCheck={(v) => set(['multiple'], v || undefined)}
              />
              <Check
                id={id('cell')}
                label={t.cell}
                hint={t.cellHint}
                checked={Boolean(q.cell)}
                onCheck={(v) => set(['cell'], v || undefined)}
              />
              {err('cell') && <p class="err">{err('cell')}</p>}
            </fieldset>
          )}
          <div class="actions">
            <button type="button" class="secondary" disabled={index === 0} onClick={() => onMove(index - 1)}>
              {t.moveUp}
              <span class="sr"> {label}</span>
            </button>
            <button type="button" class="secondary" disabled={index === total - 1} onClick={() => onMove(index + 1)}>
              {t.moveDown}
              <span class="sr"> {label}</span>
            </button>
            <button type="button" class="danger" onClick={onRemove}>
              {t.removeQuestion}
              <span class="sr"> {label}</span>
            </button>
          </div>
        </div>
      </details>
    </li>
  );
}
