/** The territory's surveys, and a new one: from a barometer template or blank. */
import { useEffect, useState } from 'preact/hooks';
import type { SurveyDefinitionInput } from '#analytics/questionnaire.ts';
import { TEMPLATES, surveyFromTemplate } from '#analytics/templates/index.ts';
import { enc } from '../api.ts';
import { explain } from '../errors.ts';
import type { ScreenProps } from '../app.tsx';
import { Check, Field, Input, Notice, useWords, when } from '../ui.tsx';
import { startDraft } from './draft.ts';
import { titleOf, type SurveySummary } from './survey-summary.ts';

export function Surveys({ api, me, go }: ScreenProps) {
  const { t, lang } = useWords();
  const [items, setItems] = useState<SurveySummary[]>();
  const [error, setError] = useState('');
  useEffect(() => {
    document.title = `${t.screens.surveys} — Écoute`;
    api.get<{ items: SurveySummary[] }>(`/v1/territories/${enc(me.territory.id)}/surveys`).then(
      (r) => setItems(r.items),
      (e: unknown) => setError(explain(e, lang).message),
    );
  }, []);

  return (
    <section>
      <h1>{t.screens.surveys}</h1>
      {error && <Notice kind="error">{error}</Notice>}
      {items === undefined && !error ? (
        <p role="status">{t.loading}</p>
      ) : items?.length ? (
        <ul class="cards">
          {items.map((s) => (
            <li key={s.id} class="card">
              <h2 class="h3">
                <a href={`#/surveys/${enc(s.id)}`}>{titleOf(s, lang)}</a>
              </h2>
              <p>
                <span class={`badge ${s.status}`}>{t.statuses[s.status]}</span> · {t.versionN(s.version)} · {t.updated}{' '}
                {when(s.updatedAt, lang)}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t.noSurvey}</p>
      )}
      <NewSurvey placeName={me.territory.name} go={go} />
    </section>
  );
}

function NewSurvey({ placeName, go }: { placeName: string; go: (h: string) => void }) {
  const { t, lang } = useWords();
  const [choice, setChoice] = useState(TEMPLATES[0]?.id ?? 'blank');
  const [place, setPlace] = useState(placeName);
  const [competitors, setCompetitors] = useState('');
  const [modules, setModules] = useState<string[]>([]);
  const [error, setError] = useState('');
  const template = TEMPLATES.find((x) => x.id === choice);

  const start = (e: Event) => {
    e.preventDefault();
    if (template && !place.trim()) return setError(t.placeRequired);
    const names = competitors
      .split(/[\n,;]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const definition: SurveyDefinitionInput = template
      ? surveyFromTemplate(template, { place, competitors: names, modules })
      : {
          title: { fr: '' },
          defaultLocale: 'fr',
          audiences: ['visitor'],
          questions: [{ id: 'recommend', type: 'nps', required: true, label: { fr: '' } }],
        };
    startDraft(definition, template);
    go('#/surveys/new');
  };

  return (
    <form onSubmit={start} noValidate class="panel">
      <h2>{t.newSurvey}</h2>
      <fieldset>
        <legend>{t.startFrom}</legend>
        {[
          ...TEMPLATES.map((x) => ({
            id: x.id,
            name: x.name[lang] ?? '',
            summary: `${x.summary[lang] ?? ''} ${t.aboutMinutes(x.minutes)}`,
          })),
          { id: 'blank', name: t.blank, summary: t.blankHint },
        ].map((o) => (
          <div class="radio" key={o.id}>
            <input
              type="radio"
              id={`tpl-${o.id}`}
              name="template"
              checked={choice === o.id}
              onChange={() => setChoice(o.id)}
              aria-describedby={`tpl-${o.id}-hint`}
            />
            <label for={`tpl-${o.id}`}>{o.name}</label>
            <p class="hint" id={`tpl-${o.id}-hint`}>
              {o.summary}
            </p>
          </div>
        ))}
      </fieldset>
      {template && (
        <>
          {error && <Notice kind="error">{error}</Notice>}
          <Input
            id="tpl-place"
            label={t.placeName}
            hint={t.placeNameHint}
            value={place}
            onValue={setPlace}
            error={error || undefined}
          />
          <Field id="tpl-competitors" label={t.competitors} hint={t.competitorsHint}>
            <textarea
              id="tpl-competitors"
              rows={3}
              value={competitors}
              onInput={(e) => setCompetitors(e.currentTarget.value)}
              aria-describedby="tpl-competitors-hint"
            />
          </Field>
          <fieldset>
            <legend>{t.blocks}</legend>
            <p class="hint">{t.blocksHint}</p>
            {template.blocks.map((b) => (
              <div key={b.id} class="block">
                {b.optional ? (
                  <Check
                    id={`mod-${b.id}`}
                    label={`${b.title[lang]} (${t.optionalModule})`}
                    checked={modules.includes(b.id)}
                    onCheck={(on) => setModules(on ? [...modules, b.id] : modules.filter((m) => m !== b.id))}
                  />
                ) : (
                  <p class="included">
                    {b.title[lang]} <span class="hint">({t.included})</span>
                  </p>
                )}
                <details>
                  <summary>
                    {t.whyBlock}
                    <span class="sr"> {b.title[lang]}</span>
                  </summary>
                  <p>{b.why[lang]}</p>
                </details>
              </div>
            ))}
          </fieldset>
        </>
      )}
      <button type="submit">{t.prepareSurvey}</button>
    </form>
  );
}
