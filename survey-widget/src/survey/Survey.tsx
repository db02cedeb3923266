/** <ecoute-survey>: load the live survey, ask who you are, one question per step, send through the outbox. */
import type { Answers, AnswerValue, Audience, Question as Q, SurveyDefinition } from '#analytics/questionnaire.ts';
import type { ComponentChildren } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ElementProps } from '../element.ts';
import { fill, pickLocale, strings, tr } from '../i18n.ts';
import { isoWithOffset, ulid } from '../ids.ts';
import { apiBase, request } from '../net.ts';
import { isDelivered, submit, watch } from '../outbox.ts';
import { isRetryable } from '../retry.ts';
import { isEmpty, readDraft, writeDraft, type Draft } from './draft.ts';
import { Question } from './Question.tsx';

type LiveSurvey = SurveyDefinition & { id: string; version: number };
type Loading = 'loading' | 'failed' | 'missing' | 'ready';

export function Survey({ api, survey, locale: wanted, definition, preview }: ElementProps) {
  const base = apiBase(api);
  const id = survey ?? '';
  // A preview (the staff console) renders the definition it is given and never stores nor sends.
  const previewing = preview != null;
  const [def, setDef] = useState<LiveSurvey>();
  const [loading, setLoading] = useState<Loading>('loading');
  const [tries, setTries] = useState(0);
  const [draft, setDraftState] = useState<Draft>();
  // Handlers read the draft from here, not from their render: a fast keyboard (or a slow phone)
  // can fire "Next" before the re-render that holds the last answer.
  const latest = useRef<Draft | undefined>(undefined);
  const setDraft = (d: Draft | undefined) => setDraftState((latest.current = d));
  const busy = useRef(false);
  const [audience, setAudience] = useState<Audience>();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<string>();
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<'arrived' | 'queued'>();
  const focusTarget = useRef<HTMLDivElement>(null);
  const [focusTick, setFocusTick] = useState(0);

  useEffect(() => {
    if (definition) {
      const d = { id, version: 1, ...definition } as LiveSurvey;
      setDef(d);
      setLoading('ready');
      setDraft(d.audiences.length === 1 && d.audiences[0] ? fresh(d.audiences[0], d.version) : undefined);
      return;
    }
    setLoading('loading');
    void request<LiveSurvey>(`${base}/v1/surveys/${encodeURIComponent(id)}`).then((r) => {
      if (!r.data) return setLoading(r.status === 404 ? 'missing' : 'failed');
      setDef(r.data);
      setLoading('ready');
      const resumed = readDraft(base, id, r.data.version);
      const only = r.data.audiences.length === 1 ? r.data.audiences[0] : undefined;
      setDraft(resumed ?? (only && fresh(only, r.data.version)));
    });
  }, [base, id, tries, definition]);

  // Not before the survey is loaded: an empty first render must not erase the saved draft.
  useEffect(() => void (draft && !previewing && writeDraft(base, id, outcome ? undefined : draft)), [draft, outcome]);

  useEffect(() => {
    if (outcome !== 'queued' || !draft) return;
    const check = () => isDelivered(draft.id) && setOutcome('arrived');
    check();
    return watch(check);
  }, [outcome]);

  // Focus follows the person's own moves only, never on first render (the host page keeps its focus);
  // a layout effect, so it lands before the next key press.
  useLayoutEffect(() => {
    if (!focusTick) return;
    const box = focusTarget.current;
    const invalid = box?.querySelector<HTMLElement>('[aria-invalid=true] input, textarea[aria-invalid=true]');
    (invalid ?? box)?.focus();
  }, [focusTick]);
  const refocus = () => setFocusTick((n) => n + 1);

  const locale = def ? pickLocale(wanted, Object.keys(def.title), def.defaultLocale) : wanted;
  const t = strings(locale);
  const fallback = def?.defaultLocale ?? 'fr';
  const frame = (body: ComponentChildren) => (
    <div class="w" lang={locale}>
      {def && <h2>{tr(def.title, locale, fallback)}</h2>}
      {body}
    </div>
  );

  if (loading !== 'ready' || !def) {
    if (loading === 'loading') return frame(<p role="status">{t.loading}</p>);
    return frame(
      <div role="alert">
        <p>{loading === 'missing' ? t.unavailable : t.loadFailed}</p>
        {loading === 'failed' && (
          <button type="button" onClick={() => setTries((n) => n + 1)}>
            {t.retry}
          </button>
        )}
      </div>,
    );
  }

  const intro = def.intro && <p class="hint">{tr(def.intro, locale, fallback)}</p>;

  if (outcome) {
    return frame(
      <div tabIndex={-1} ref={focusTarget} role="status">
        <h3>{t.thanks}</h3>
        <p>{previewing ? t.previewed : outcome === 'arrived' ? t.arrived : t.queued}</p>
      </div>,
    );
  }

  if (!draft) {
    const label = (text: string) => ({ [locale]: text });
    const options = def.audiences.map((a) => ({ id: a, label: label(t[a]) }));
    const who: Q = { id: 'audience', type: 'choice', label: label(t.who), options };
    const start = (e: Event) => {
      e.preventDefault();
      if (!audience) {
        setErrors({ audience: t.answerThis });
        return refocus();
      }
      setErrors({});
      setDraft(fresh(audience, def.version));
      refocus();
    };
    return frame(
      <form onSubmit={start} noValidate>
        {intro}
        <div ref={focusTarget}>
          <Question
            q={who}
            value={audience}
            error={errors.audience}
            onChange={(v) => setAudience(v as Audience)}
            locale={locale}
            fallback={locale}
            t={t}
          />
        </div>
        <div class="nav">
          <button type="submit">{t.start}</button>
        </div>
      </form>,
    );
  }

  const questions = def.questions.filter((q) => !q.audiences || q.audiences.includes(draft.audience));
  const stepOf = (d: Draft) => Math.min(d.step, questions.length - 1);
  const step = stepOf(draft);
  const q = questions[step];
  if (!q) return frame(<p>{t.unavailable}</p>);
  const last = step === questions.length - 1;
  const now = () => latest.current ?? draft;
  const go = (to: number) => {
    setDraft({ ...now(), step: to });
    refocus();
  };
  const answer = (v: AnswerValue | undefined) => {
    const answers: Answers = { ...now().answers };
    if (v === undefined) delete answers[q.id];
    else answers[q.id] = v;
    setDraft({ ...now(), answers });
    if (errors[q.id]) setErrors({ ...errors, [q.id]: '' });
  };

  const send = async (d: Draft) => {
    if (previewing) {
      setOutcome('arrived');
      return refocus();
    }
    busy.current = true;
    setSending(true);
    setNotice(undefined);
    const body = {
      id: d.id,
      audience: d.audience,
      locale,
      answers: d.answers,
      channel: 'web',
      submittedAt: isoWithOffset(new Date()),
      version: d.version,
    };
    const delivery = submit(`${base}/v1/surveys/${encodeURIComponent(id)}/responses`, d.id, body);
    writeDraft(base, id, undefined); // the outbox holds it now; a tab closed at once must not resume it
    const reply = await delivery;
    busy.current = false;
    setSending(false);
    if (isDelivered(d.id) || isRetryable(reply.status)) {
      setOutcome(isDelivered(d.id) ? 'arrived' : 'queued');
      return refocus();
    }
    const found: Record<string, string> = {};
    for (const issue of reply.error?.issues ?? []) {
      const qid = /^answers\.(.+)$/.exec(issue.path)?.[1];
      if (qid && !found[qid]) found[qid] = issue.message;
    }
    setErrors(found);
    setNotice(`${t.refused} ${reply.error?.message ?? ''}`.trim());
    const first = questions.findIndex((x) => found[x.id]);
    if (first >= 0 && first !== stepOf(d)) go(first);
    else refocus();
  };

  const next = (e: Event) => {
    e.preventDefault();
    const d = now();
    const at = stepOf(d);
    const shown = questions[at];
    if (busy.current || !shown) return;
    if (shown.required && isEmpty(d.answers[shown.id])) {
      setErrors({ ...errors, [shown.id]: t.answerThis });
      return refocus();
    }
    if (at === questions.length - 1) void send(d);
    else go(at + 1);
  };

  return frame(
    <form onSubmit={next} noValidate>
      {step === 0 && intro}
      <div class="prog">
        <span id="prog">{fill(t.progress, { n: step + 1, total: questions.length })}</span>
        <progress max={questions.length} value={step + 1} aria-labelledby="prog" />
      </div>
      <div tabIndex={-1} ref={focusTarget} key={q.id}>
        <Question
          q={q}
          value={draft.answers[q.id]}
          error={errors[q.id] || undefined}
          onChange={answer}
          locale={locale}
          fallback={fallback}
          t={t}
        />
      </div>
      {notice && (
        <p class="err" role="alert">
          {notice}
        </p>
      )}
      <div class="nav">
        {step > 0 && (
          <button type="button" class="sec" onClick={() => go(step - 1)}>
            {t.previous}
          </button>
        )}
        <button type="submit" disabled={sending}>
          {sending ? t.sending : last ? t.send : t.next}
        </button>
      </div>
    </form>,
  );
}

function fresh(audience: Audience, version: number): Draft {
  return { id: ulid(), audience, answers: {}, step: 0, version };
}
