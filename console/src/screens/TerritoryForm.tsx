/**
 * A territory's settings, as the operator gives them at creation and an admin edits them
 * later: checked with the API's own schema as they are typed, each error at its field.
 */
import { DEFAULT_SUGGESTION_CATEGORIES, TerritoryInput } from '#analytics/territory.ts';
import { zodErrors } from '../errors.ts';
import { Check, Field, Input, Select, useWords } from '../ui.tsx';

export interface TerritoryValues {
  id: string;
  name: string;
  timeZone: string;
  origins: string;
  locales: string[];
  submissionLimit: string;
  categories: Labelled[];
  districts: Labelled[];
  promisedDays: string;
  retentionMonths: string;
  freeTextDays: string;
}

/** A theme or a district as typed: an id for exports and its names. */
interface Labelled {
  id: string;
  fr: string;
  en: string;
}
const typed = (items: { id: string; label: Record<string, string> }[] = []): Labelled[] =>
  items.map((c) => ({ id: c.id, fr: c.label.fr ?? '', en: c.label.en ?? '' }));
const given = (items: Labelled[]) =>
  items.map((c) => ({ id: c.id.trim(), label: { fr: c.fr.trim(), ...(c.en.trim() ? { en: c.en.trim() } : {}) } }));

/** French time zones first (metropolitan and overseas), then every other one the browser knows. */
const FRENCH_ZONES = [
  'Europe/Paris',
  'America/Guadeloupe',
  'America/Martinique',
  'America/Cayenne',
  'Indian/Reunion',
  'Indian/Mayotte',
  'America/Miquelon',
  'Pacific/Noumea',
  'Pacific/Tahiti',
  'Pacific/Wallis',
];
const zones = () => {
  const all = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return [...FRENCH_ZONES, ...all.filter((z) => !FRENCH_ZONES.includes(z))];
};

export const emptyTerritory = (): TerritoryValues => ({
  id: '',
  name: '',
  timeZone: 'Europe/Paris',
  origins: '',
  locales: ['fr', 'en'],
  submissionLimit: '30',
  categories: typed(DEFAULT_SUGGESTION_CATEGORIES),
  districts: [],
  promisedDays: '15',
  retentionMonths: '12',
  freeTextDays: '365',
});

export const originLines = (text: string) =>
  text
    .split(/\n/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The body the API takes (creation; an edit drops the id), as typed. */
export function territoryBody(v: TerritoryValues) {
  return {
    id: v.id.trim(),
    name: v.name,
    timeZone: v.timeZone,
    allowedOrigins: originLines(v.origins),
    locales: v.locales,
    limits: { submissionsPerMinute: Number(v.submissionLimit) },
    suggestionCategories: given(v.categories),
    suggestionDistricts: given(v.districts),
    suggestions: { promisedDays: Number(v.promisedDays), retentionMonths: Number(v.retentionMonths) },
    responses: { freeTextDays: Number(v.freeTextDays) },
  };
}

/** Field errors of the values, from the API's schema (paths as the API names them). */
export function territoryErrors(v: TerritoryValues, lang: 'fr' | 'en'): Record<string, string> {
  const parsed = TerritoryInput.safeParse(territoryBody(v));
  return parsed.success ? {} : zodErrors(parsed.error.issues, lang);
}

/** The numeric settings: the field's id, its value (and words), its least value, its path in the API. */
const numberFields: [
  string,
  'submissionLimit' | 'promisedDays' | 'retentionMonths' | 'freeTextDays',
  number,
  string,
][] = [
  ['t-limit', 'submissionLimit', 1, 'limits.submissionsPerMinute'],
  ['t-delay', 'promisedDays', 1, 'suggestions.promisedDays'],
  ['t-retention', 'retentionMonths', 1, 'suggestions.retentionMonths'],
  ['t-free-text', 'freeTextDays', 30, 'responses.freeTextDays'],
];

export function TerritoryFields({
  values,
  set,
  errors,
  creating,
}: {
  values: TerritoryValues;
  set: (v: TerritoryValues) => void;
  errors: Record<string, string>;
  creating: boolean;
}) {
  const { t } = useWords();
  const put = <K extends keyof TerritoryValues>(k: K, value: TerritoryValues[K]) => set({ ...values, [k]: value });
  const lines = originLines(values.origins);
  const originError = Object.entries(errors)
    .filter(([p]) => p.startsWith('allowedOrigins'))
    .map(([p, m]) => {
      const i = Number(p.split('.')[1]);
      return Number.isInteger(i) && lines[i] ? `${lines[i]} : ${m}` : m;
    })
    .join(' ');
  return (
    <>
      {creating && (
        <Input
          id="t-id"
          label={t.territoryId}
          hint={t.territoryIdHint}
          value={values.id}
          onValue={(v) => put('id', v)}
          error={errors.id}
        />
      )}
      <Input
        id="t-name"
        label={t.territoryName}
        value={values.name}
        onValue={(v) => put('name', v)}
        error={errors.name}
      />
      <Select
        id="t-zone"
        label={t.timeZone}
        value={values.timeZone}
        onValue={(v) => put('timeZone', v)}
        options={zones().map((z) => [z, z.replace(/_/g, ' ')])}
        error={errors.timeZone}
      />
      <Field id="t-origins" label={t.origins} hint={t.originsHint} error={originError || undefined}>
        <textarea
          id="t-origins"
          rows={3}
          value={values.origins}
          onInput={(e) => put('origins', e.currentTarget.value)}
          aria-invalid={originError ? 'true' : undefined}
          aria-describedby={`t-origins-hint${originError ? ' t-origins-err' : ''}`}
          spellcheck={false}
        />
      </Field>
      <fieldset>
        <legend>{t.languages}</legend>
        {(['fr', 'en'] as const).map((l) => (
          <Check
            key={l}
            id={`t-lang-${l}`}
            label={t.languageNames[l]}
            checked={values.locales.includes(l)}
            onCheck={(on) => put('locales', on ? [...values.locales, l] : values.locales.filter((x) => x !== l))}
          />
        ))}
        {errors.locales && <p class="err">{errors.locales}</p>}
      </fieldset>
      {numberFields.map(([id, key, min, path]) => (
        <Input
          key={id}
          id={id}
          type="number"
          min={min}
          label={t[key]}
          hint={t[`${key}Hint`]}
          value={values[key]}
          onValue={(v) => put(key, v)}
          error={errors[path]}
        />
      ))}
      <LabelledList
        items={values.categories}
        set={(v) => put('categories', v)}
        errors={errors}
        path="suggestionCategories"
        words={{ legend: t.categories, hint: t.categoriesHint, item: t.category, id: t.categoryId, add: t.addCategory }}
      />
      <LabelledList
        items={values.districts}
        set={(v) => put('districts', v)}
        errors={errors}
        path="suggestionDistricts"
        words={{ legend: t.districts, hint: t.districtsHint, item: t.district, id: t.districtId, add: t.addDistrict }}
      />
    </>
  );
}

/** The form's values from a territory as the API answers it. */
export function valuesOf(territory: {
  id: string;
  name: string;
  timeZone: string;
  allowedOrigins: string[];
  locales: string[];
  limits: { submissionsPerMinute: number };
  suggestionCategories: { id: string; label: Record<string, string> }[];
  suggestionDistricts?: { id: string; label: Record<string, string> }[];
  suggestions?: { promisedDays?: number; retentionMonths?: number };
  responses?: { freeTextDays?: number };
}): TerritoryValues {
  return {
    id: territory.id,
    name: territory.name,
    timeZone: territory.timeZone,
    origins: territory.allowedOrigins.join('\n'),
    locales: territory.locales,
    submissionLimit: String(territory.limits.submissionsPerMinute),
    categories: typed(territory.suggestionCategories),
    districts: typed(territory.suggestionDistricts),
    promisedDays: String(territory.suggestions?.promisedDays ?? 15),
    retentionMonths: String(territory.suggestions?.retentionMonths ?? 12),
    freeTextDays: String(territory.responses?.freeTextDays ?? 365),
  };
}

/**
 * A list of ids with French and English names (the suggestion box's themes, the districts):
 * one row each, its error beside it, rows added and removed in place.
 */
function LabelledList({
  items,
  set,
  errors,
  path,
  words,
}: {
  items: Labelled[];
  set: (items: Labelled[]) => void;
  errors: Record<string, string>;
  path: 'suggestionCategories' | 'suggestionDistricts';
  words: { legend: string; hint: string; item: string; id: string; add: string };
}) {
  const { t } = useWords();
  const edit = (i: number, k: keyof Labelled, value: string) =>
    set(items.map((c, j) => (j === i ? { ...c, [k]: value } : c)));
  return (
    <fieldset>
      <legend>{words.legend}</legend>
      <p class="hint">{words.hint}</p>
      {items.length > 0 && (
        <table class="grid">
          <thead>
            <tr>
              <th scope="col">{words.id}</th>
              <th scope="col">{t.languageNames.fr}</th>
              <th scope="col">{t.languageNames.en}</th>
              <th scope="col">
                <span class="sr">{t.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((c, i) => {
              const err = errors[`${path}.${i}.id`] ?? errors[`${path}.${i}.label`] ?? errors[`${path}.${i}.label.fr`];
              return (
                <tr key={i}>
                  <td>
                    <input
                      aria-label={`${words.id} ${i + 1}`}
                      value={c.id}
                      onInput={(e) => edit(i, 'id', e.currentTarget.value)}
                      aria-invalid={err ? 'true' : undefined}
                    />
                    {err && <p class="err">{err}</p>}
                  </td>
                  <td>
                    <input
                      aria-label={`${words.item} ${i + 1} (${t.languageNames.fr})`}
                      value={c.fr}
                      onInput={(e) => edit(i, 'fr', e.currentTarget.value)}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`${words.item} ${i + 1} (${t.languageNames.en})`}
                      value={c.en}
                      onInput={(e) => edit(i, 'en', e.currentTarget.value)}
                    />
                  </td>
                  <td>
                    <button type="button" class="link" onClick={() => set(items.filter((_, j) => j !== i))}>
                      {t.remove}
                      <span class="sr"> {c.fr || c.id}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {errors[path] && <p class="err">{errors[path]}</p>}
      <button type="button" class="secondary" onClick={() => set([...items, { id: '', fr: '', en: '' }])}>
        {words.add}
      </button>
    </fieldset>
  );
}
