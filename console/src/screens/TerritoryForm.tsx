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
  submissionsPerMinute: string;
  categories: { id: string; fr: string; en: string }[];
  promisedDays: string;
}

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
  submissionsPerMinute: '30',
  categories: DEFAULT_SUGGESTION_CATEGORIES.map((c) => ({ id: c.id, fr: c.label.fr ?? '', en: c.label.en ?? '' })),
  promisedDays: '15',
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
    limits: { submissionsPerMinute: Number(v.submissionsPerMinute) },
    suggestionCategories: v.categories.map((c) => ({
      id: c.id.trim(),
      label: { fr: c.fr.trim(), ...(c.en.trim() ? { en: c.en.trim() } : {}) },
    })),
    suggestions: { promisedDays: Number(v.promisedDays) },
  };
}

/** Field errors of the values, from the API's schema (paths as the API names them). */
export function territoryErrors(v: TerritoryValues, lang: 'fr' | 'en'): Record<string, string> {
  const parsed = TerritoryInput.safeParse(territoryBody(v));
  return parsed.success ? {} : zodErrors(parsed.error.issues, lang);
}

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
  const category = (i: number, k: 'id' | 'fr' | 'en', value: string) =>
    put(
      'categories',
      values.categories.map((c, j) => (j === i ? { ...c, [k]: value } : c)),
    );
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
      <Input
        id="t-limit"
        type="number"
        min={1}
        label={t.submissionLimit}
        hint={t.submissionLimitHint}
        value={values.submissionsPerMinute}
        onValue={(v) => put('submissionsPerMinute', v)}
        error={errors['limits.submissionsPerMinute']}
      />
      <Input
        id="t-delay"
        type="number"
        min={1}
        label={t.promisedDays}
        hint={t.promisedDaysHint}
        value={values.promisedDays}
        onValue={(v) => put('promisedDays', v)}
        error={errors['suggestions.promisedDays']}
      />
      <fieldset>
        <legend>{t.categories}</legend>
        <p class="hint">{t.categoriesHint}</p>
        <table class="grid">
          <thead>
            <tr>
              <th scope="col">{t.categoryId}</th>
              <th scope="col">{t.languageNames.fr}</th>
              <th scope="col">{t.languageNames.en}</th>
              <th scope="col">
                <span class="sr">{t.actions}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {values.categories.map((c, i) => {
              const err = errors[`suggestionCategories.${i}.id`] ?? errors[`suggestionCategories.${i}.label`];
              return (
                <tr key={i}>
                  <td>
                    <input
                      aria-label={`${t.categoryId} ${i + 1}`}
                      value={c.id}
                      onInput={(e) => category(i, 'id', e.currentTarget.value)}
                      aria-invalid={err ? 'true' : undefined}
                    />
                    {err && <p class="err">{err}</p>}
                  </td>
                  <td>
                    <input
                      aria-label={`${t.languageNames.fr} ${i + 1}`}
                      value={c.fr}
                      onInput={(e) => category(i, 'fr', e.currentTarget.value)}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={`${t.languageNames.en} ${i + 1}`}
                      value={c.en}
                      onInput={(e) => category(i, 'en', e.currentTarget.value)}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      class="link"
                      onClick={() =>
                        put(
                          'categories',
                          values.categories.filter((_, j) => j !== i),
                        )
                      }
                    >
                      {t.remove}
                      <span class="sr"> {c.fr || c.id}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {errors.suggestionCategories && <p class="err">{errors.suggestionCategories}</p>}
        <button
          type="button"
          class="secondary"
          onClick={() => put('categories', [...values.categories, { id: '', fr: '', en: '' }])}
        >
          {t.addCategory}
        </button>
      </fieldset>
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
  suggestions?: { promisedDays?: number };
}): TerritoryValues {
  return {
    id: territory.id,
    name: territory.name,
    timeZone: territory.timeZone,
    origins: territory.allowedOrigins.join('\n'),
    locales: territory.locales,
    submissionsPerMinute: String(territory.limits.submissionsPerMinute),
    categories: territory.suggestionCategories.map((c) => ({ id: c.id, fr: c.label.fr ?? '', en: c.label.en ?? '' })),
    promisedDays: String(territory.suggestions?.promisedDays ?? 15),
  };
}
