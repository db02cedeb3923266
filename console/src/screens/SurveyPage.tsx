/**
 * One survey: its questions (the editor), a preview in the real widget, and how to share it;
 * saving, going live and closing. A new survey (from a template or blank) lives here until its
 * first save; a failed save keeps the previous version intact and the edits on screen.
 */
import { useEffect, useState } from 'preact/hooks';
import { AUDIENCES, SurveyDefinition, type Audience, type SurveyDefinitionInput } from '#analytics/questionnaire.ts';
import type { SurveyTemplate } from '#analytics/templates/index.ts';
import { enc } from '../api.ts';
import { explain, zodErrors } from '../errors.ts';
import { setDirty } from '../guard.ts';
import type { ScreenProps } from '../app.tsx';
import { Check, Input, Notice, Select, useWords } from '../ui.tsx';
import { takeDraft } from './draft.ts';
import { move, setIn, setText } from './edit.ts';
import { Preview } from './Preview.tsx';
import { blankQuestion, QuestionEditor, Texts, TYPES, type Q } from './QuestionEditor.tsx';
import { Share } from './Share.tsx';

interface Meta {
  id: string;
  status: 'draft' | 'live' | 'closed';
  version: number;
}
type Tab = 'questions' | 'preview' | 'share';

export function SurveyPage({ api, me, config, go, id }: ScreenProps & { id: string }) {
  const { t, lang } = useWords();
  const [meta, setMeta] = useState<Meta>();
  const [def, setDef] = useState<SurveyDefinitionInput>();
  const [savedJson, setSavedJson] = useState('');
  const [template, setTemplate] = useState<SurveyTemplate>();
  const [newId, setNewId] = useState('');
  const [tab, setTab] = useState<Tab>('questions');
  const [tried, setTried] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error' | 'info'; text: string; list?: string[] }>();
  // Once a save was tried, the schema's complaints stay listed (and go away as they are fixed).
  const [busy, setBusy] = useState(false);
  const [addType, setAddType] = useState<string>('rating');
  const locales = me.territory.locales.length ? me.territory.locales : ['fr'];

  useEffect(() => {
    setNotice(undefined);
    setTried(false);
    setServerErrors({});
    if (id === 'new') {
      const draft = takeDraft();
      if (!draft) return go('#/surveys');
      setMeta(undefined);
      setDef(draft.definition);
      setTemplate(draft.template);
      setSavedJson('');
      setTab('questions');
      return;
    }
    api.get<Meta & { definition: SurveyDefinitionInput }>(`/v1/surveys/${enc(id)}/definition`).then(
      ({ definition, ...m }) => {
        setMeta({ id: m.id, status: m.status, version: m.version });
        setDef(definition);
        setSavedJson(JSON.stringify(definition));
      },
      (e: unknown) => setNotice({ kind: 'error', text: explain(e, lang).message }),
    );
  }, [id]);

  const dirty = def !== undefined && JSON.stringify(def) !== savedJson;
  useEffect(() => {
    setDirty(dirty);
    return () => setDirty(false);
  }, [dirty]);

  const title = def ? (def.title[lang] ?? def.title.fr ?? '') : '';
  useEffect(() => {
    document.title = `${title || t.newSurvey} — Écoute`;
  }, [title]);

  if (!def)
    return (
      <section>
        <p>
          <a href="#/surveys">{t.backToSurveys}</a>
        </p>
        {notice ? <Notice kind="error">{notice.text}</Notice> : <p role="status">{t.loading}</p>}
      </section>
    );

  const parsed = SurveyDefinition.safeParse(def);
  const schemaErrors = parsed.success ? {} : zodErrors(parsed.error.issues, lang);
  const errors = { ...(tried ? schemaErrors : {}), ...serverErrors };
  const edit = (next: SurveyDefinitionInput) => {
    setDef(next);
    setServerErrors({});
    setNotice(undefined);
  };
  const summary = Object.entries(schemaErrors).map(([path, message]) => {
    const m = /^questions\.(\d+)/.exec(path);
    return m ? `${t.questionN(Number(m[1]) + 1)} : ${message}` : message;
  });
  const questions = def.questions as unknown as Q[];
  const setQuestions = (qs: Q[]) => edit({ ...def, questions: qs as unknown as SurveyDefinitionInput['questions'] });

  const save = async () => {
    setTried(true);
    if (!parsed.success) return;
    setBusy(true);
    try {
      if (!meta) {
        const body = newId.trim() ? { ...def, id: newId.trim() } : def;
        const created = await api.send<Meta>('POST', `/v1/territories/${enc(me.territory.id)}/surveys`, body);
        setSavedJson(JSON.stringify(def));
        setDirty(false);
        if (created) go(`#/surveys/${enc(created.id)}`);
        return;
      }
      const res = await api.send<{ version: number }>('PUT', `/v1/surveys/${enc(meta.id)}`, def);
      setMeta({ ...meta, version: res?.version ?? meta.version + 1 });
      setSavedJson(JSON.stringify(def));
      setNotice({ kind: 'ok', text: t.savedVersion(res?.version ?? meta.version + 1) });
    } catch (failure) {
      const x = explain(failure, lang, { conflict: meta ? t.changedMeanwhile : t.surveyTaken });
      setServerErrors(x.fields);
      setNotice({ kind: 'error', text: x.message, list: Object.values(x.fields) });
    } finally {
      setBusy(false);
    }
  };

  const setStatus = async (status: 'live' | 'closed') => {
    if (!meta) return;
    if (status === 'closed' && !window.confirm(t.closeConfirm)) return;
    try {
      await api.send('POST', `/v1/surveys/${enc(meta.id)}/status`, { status });
      setMeta({ ...meta, status });
      setNotice({ kind: 'ok', text: status === 'live' ? t.nowLive : t.nowClosed });
      if (status === 'live') setTab('share');
    } catch (failure) {
      setNotice({ kind: 'error', text: explain(failure, lang).message });
    }
  };

  const tabs: [Tab, string][] = [
    ['questions', t.tabQuestions],
    ['preview', t.tabPreview],
    ...(meta ? ([['share', t.tabShare]] as [Tab, string][]) : []),
  ];
  const onTabKey = (e: KeyboardEvent) => {
    const i = tabs.findIndex(([k]) => k === tab);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : -2;
    if (next === -2) return;
    const [k] = tabs[(next + tabs.length) % tabs.length] ?? [];
    if (k) {
      setTab(k);
      document.getElementById(`tab-${k}`)?.focus();
    }
  };

  return (
    <section>
      <p>
        <a href="#/surveys">{t.backToSurveys}</a>
      </p>
      <h1>{title || t.newSurvey}</h1>
      <p>
        {meta ? (
          <>
            <span class={`badge ${meta.status}`}>{t.statuses[meta.status]}</span> · {t.versionN(meta.version)}
          </>
        ) : (
          <span class="badge draft">{t.notSaved}</span>
        )}
        {dirty && meta && <span class="badge warn"> {t.unsavedChanges}</span>}
      </p>
      {notice && (
        <Notice kind={notice.kind}>
          <p>{notice.text}</p>
          {notice.list && notice.list.length > 0 && (
            <ul>
              {notice.list.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          )}
        </Notice>
      )}
      {tried && summary.length > 0 && (
        <Notice kind="error">
          <p>{t.fixFields}</p>
          <ul>
            {summary.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </Notice>
      )}
      {meta?.status === 'live' && <Notice kind="info">{t.liveEditNote(meta.version + 1)}</Notice>}
      <div class="actions">
        <button type="button" onClick={() => void save()} disabled={busy || (Boolean(meta) && !dirty)}>
          {meta ? t.saveVersion : t.saveDraft}
        </button>
        {meta && meta.status !== 'live' && (
          <button type="button" class="secondary" onClick={() => void setStatus('live')} disabled={dirty}>
            {t.goLive}
          </button>
        )}
        {meta?.status === 'live' && (
          <button type="button" class="secondary" onClick={() => void setStatus('closed')}>
            {t.closeSurvey}
          </button>
        )}
        {dirty && meta && meta.status !== 'live' && <p class="hint">{t.saveBeforeLive}</p>}
      </div>

      <div role="tablist" aria-label={t.surveyParts} class="tabs" onKeyDown={onTabKey}>
        {tabs.map(([k, label]) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`tab-${k}`}
            aria-selected={tab === k}
            aria-controls={`panel-${k}`}
            tabIndex={tab === k ? 0 : -1}
            onClick={() => setTab(k)}
          >
            {label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'questions' && (
          <div class="editor">
            {!meta && (
              <Input
                id="s-id"
                label={t.surveyId}
                hint={t.surveyIdHint}
                value={newId}
                onValue={setNewId}
                error={serverErrors.id}
              />
            )}
            <Texts
              base="title"
              label={t.surveyTitle}
              value={def.title}
              locales={locales}
              errors={errors}
              onText={(l, v) => edit(setText(def, ['title'], l, v, false))}
            />
            <Texts
              base="intro"
              label={t.surveyIntro}
              value={def.intro}
              locales={locales}
              errors={errors}
              onText={(l, v) => edit(setText(def, ['intro'], l, v, true))}
            />
            <fieldset>
              <legend>{t.publics}</legend>
              {AUDIENCES.map((a) => (
                <Check
                  key={a}
                  id={`s-aud-${a}`}
                  label={t.audiences[a]}
                  checked={def.audiences.includes(a)}
                  onCheck={(on) =>
                    edit({
                      ...def,
                      audiences: on ? [...def.audiences, a] : def.audiences.filter((x: Audience) => x !== a),
                    })
                  }
                />
              ))}
              {errors.audiences && <p class="err">{errors.audiences}</p>}
            </fieldset>
            {template && (
              <details class="notes">
                <summary>{t.templateNotes(template.name[lang] ?? '')}</summary>
                {template.blocks.map((b) => (
                  <div key={b.id}>
                    <h3>{b.title[lang]}</h3>
                    <p>{b.why[lang]}</p>
                  </div>
                ))}
              </details>
            )}
            <h2>{t.questionsTitle(questions.length)}</h2>
            {errors.questions && <p class="err">{errors.questions}</p>}
            <ol class="questions">
              {questions.map((q, i) => (
                <QuestionEditor
                  key={`${i}-${q.type}`}
                  q={q}
                  index={i}
                  total={questions.length}
                  locales={locales}
                  audiences={def.audiences}
                  errors={errors}
                  onChange={(next) => setQuestions(setIn(questions, [i], next))}
                  onMove={(to) => setQuestions(move(questions, i, to))}
                  onRemove={() => setQuestions(questions.filter((_, j) => j !== i))}
                />
              ))}
            </ol>
            <div class="row add">
              <Select
                id="add-type"
                label={t.newQuestionType}
                value={addType}
                onValue={setAddType}
                options={TYPES.map((x) => [x, t.types[x]])}
              />
              <button
                type="button"
                class="secondary"
                onClick={() => setQuestions([...questions, blankQuestion(addType, `q${questions.length + 1}`)])}
              >
                {t.addQuestion}
              </button>
            </div>
          </div>
        )}
        {tab === 'preview' &&
          (parsed.success ? (
            <Preview config={config} definition={parsed.data} id={meta?.id ?? 'preview'} />
          ) : (
            <Notice kind="info">{t.previewNeedsFix}</Notice>
          ))}
        {tab === 'share' && meta && (
          <Share api={api} me={me} config={config} id={meta.id} live={meta.status === 'live'} />
        )}
      </div>
    </section>
  );
}
