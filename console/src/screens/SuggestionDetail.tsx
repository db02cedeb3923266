/**
 * One suggestion: its text (always shown as text), facts, contact, history naming who did
 * what, and the moderator's actions. "Answer publicly" takes it from wherever it stands to the
 * chosen outcome with its answer in one step.
 */
import { useEffect, useState } from 'preact/hooks';
import {
  NEXT_STATUSES,
  SUGGESTION_OUTCOMES,
  statusLabel,
  type SuggestionOutcome,
  type SuggestionStatusName,
} from '#analytics/suggestion-statuses.ts';
import { enc, type Api, type StaffMe } from '../api.ts';
import { explain } from '../errors.ts';
import { setDirty } from '../guard.ts';
import { Input, keyLabel, Notice, Select, TextArea, useWords, when } from '../ui.tsx';
import { lateBy, type Suggestion } from './Suggestions.tsx';

interface HistoryEntry {
  at: string;
  action: 'received' | 'status' | 'answer' | 'note' | 'hide' | 'show' | 'merge' | 'contact_erased';
  by?: string;
  from?: SuggestionStatusName;
  to?: SuggestionStatusName;
  answer?: string;
  note?: string;
  into?: string;
}
interface Details {
  suggestion: Suggestion;
  contact: { email: string } | null;
  history: HistoryEntry[];
}

/** The outcome a closed suggestion had, from its history, so "done" reads "Non retenue — clôturée". */
const outcomeOf = (history: HistoryEntry[]): SuggestionOutcome | undefined =>
  [...history].reverse().find((h) => h.to === 'done')?.from as SuggestionOutcome | undefined;

export function SuggestionDetail({
  api,
  me,
  code,
  categoryLabel,
  districtLabel = (id) => id,
  onClose,
}: {
  api: Api;
  me: StaffMe;
  code: string;
  categoryLabel: (id: string) => string;
  districtLabel?: (id: string) => string;
  onClose: () => void;
}) {
  const { t, lang } = useWords();
  const path = `/v1/suggestions/${enc(code)}`;
  const [d, setD] = useState<Details>();
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [fields, setFields] = useState<Record<string, string>>({});
  const [answer, setAnswer] = useState('');
  const [outcome, setOutcome] = useState<SuggestionOutcome>('answered');
  const [nextStatus, setNextStatus] = useState('');
  const [note, setNote] = useState('');
  const [into, setInto] = useState('');

  const load = () =>
    api.get<Details>(`${path}/details`).then(
      (x) => {
        setD(x);
        setAnswer(x.suggestion.answer?.text ?? '');
        if ((SUGGESTION_OUTCOMES as readonly string[]).includes(x.suggestion.status))
          setOutcome(x.suggestion.status as SuggestionOutcome);
        setNextStatus(NEXT_STATUSES[x.suggestion.status][0] ?? '');
      },
      (e: unknown) => setNotice({ kind: 'error', text: explain(e, lang).message }),
    );
  useEffect(() => {
    void load();
    document.getElementById('detail-title')?.focus();
  }, [code]);

  const act = async (work: () => Promise<unknown>, done: string) => {
    setFields({});
    try {
      const result = (await work()) as { warnings?: { code: string }[] } | undefined;
      setDirty(false);
      // The public answer is shown to residents as written: say so when it carries an address or a number.
      const exposed = result?.warnings?.some((w) => w.code === 'contact_details');
      setNotice({ kind: 'ok', text: exposed ? `${done} ${t.answerHasContact}` : done });
      await load();
    } catch (failure) {
      const x = explain(failure, lang, { conflict: t.cannotMove });
      setFields(x.fields);
      setNotice({ kind: 'error', text: x.message });
      await load();
    }
  };

  const back = (
    <p>
      <button type="button" class="link" onClick={onClose}>
        {t.backToList}
      </button>
    </p>
  );
  if (!d)
    return (
      <section>
        {back}
        {notice ? <Notice kind="error">{notice.text}</Notice> : <p role="status">{t.loading}</p>}
      </section>
    );

  const s = d.suggestion;
  const label = (status: SuggestionStatusName) =>
    statusLabel(status, lang, status === 'done' ? outcomeOf(d.history) : undefined);
  const late = lateBy(s, me.territory.promisedDays, Date.now());
  const canAnswer = s.status !== 'done' && s.status !== 'duplicate';

  const answerPublicly = (e: Event) => {
    e.preventDefault();
    if (!answer.trim()) return setFields({ answer: t.required });
    void act(async () => {
      // From "received", the lifecycle passes through "in review" first: two steps the API records, one click here.
      if (s.status === 'received') await api.send('PATCH', path, { status: 'in_review' });
      return api.send('PATCH', path, {
        status: s.status === 'received' || s.status === 'in_review' ? outcome : s.status,
        answer: answer.trim(),
      });
    }, t.answerSaved);
  };

  return (
    <section>
      {back}
      <h1 id="detail-title" tabIndex={-1}>
        {categoryLabel(s.category)} — <span class="mono">{s.code}</span>
      </h1>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <dl class="facts">
        <dt>{t.status}</dt>
        <dd>
          {label(s.status)}
          {late !== undefined && <span class="badge late"> {t.lateBy(late)}</span>}
        </dd>
        <dt>{t.received}</dt>
        <dd>{when(s.createdAt, lang)}</dd>
        <dt>{t.district}</dt>
        <dd>{s.district ? districtLabel(s.district) : '—'}</dd>
        <dt>{t.contact}</dt>
        <dd>{d.contact ? d.contact.email : s.hasContact ? t.contactExpired : t.noContact}</dd>
        <dt>{t.publicAnswer}</dt>
        <dd class="text">{s.answer?.text ?? '—'}</dd>
        {s.mergedInto && (
          <>
            <dt>{t.duplicateOf}</dt>
            <dd class="mono">{s.mergedInto}</dd>
          </>
        )}
        <dt>{t.visibility}</dt>
        <dd>{s.hidden ? t.hiddenBadge : t.visibleBadge}</dd>
      </dl>
      <h2>{t.message}</h2>
      <blockquote class="text" id="suggestion-text">
        {s.text}
      </blockquote>

      {canAnswer && (
        <form onSubmit={answerPublicly} noValidate class="panel">
          <h2>{s.answer ? t.correctAnswer : t.answerPublicly}</h2>
          <TextArea
            id="a-answer"
            label={t.publicAnswerField}
            hint={t.publicAnswerHint}
            value={answer}
            onValue={(v: string) => {
              setAnswer(v);
              setDirty(true);
            }}
            error={fields.answer}
            rows={5}
            maxLength={5000}
          />
          {(s.status === 'received' || s.status === 'in_review') && (
            <Select
              id="a-outcome"
              label={t.outcome}
              value={outcome}
              onValue={(v) => setOutcome(v as SuggestionOutcome)}
              options={(['answered', 'planned', 'declined'] as const).map((o) => [o, statusLabel(o, lang)])}
            />
          )}
          <button type="submit">{t.sendAnswer}</button>
        </form>
      )}

      {NEXT_STATUSES[s.status].length > 0 && (
        <form
          class="panel"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => api.send('PATCH', path, { status: nextStatus }), t.statusChanged);
          }}
        >
          <h2>{t.changeStatus}</h2>
          <Select
            id="a-status"
            label={t.newStatus}
            value={nextStatus}
            onValue={setNextStatus}
            options={NEXT_STATUSES[s.status].map((n) => [n, statusLabel(n, lang)])}
            error={fields.status}
          />
          <button type="submit" class="secondary">
            {t.applyStatus}
          </button>
        </form>
      )}

      <form
        class="panel"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (!note.trim()) return setFields({ note: t.required });
          void act(async () => {
            await api.send('POST', `${path}/notes`, { note: note.trim() });
            setNote('');
          }, t.noteAdded);
        }}
      >
        <h2>{t.internalNote}</h2>
        <TextArea
          id="a-note"
          label={t.noteField}
          hint={t.noteHint}
          value={note}
          onValue={setNote}
          error={fields.note}
          rows={3}
          maxLength={5000}
        />
        <button type="submit" class="secondary">
          {t.addNote}
        </button>
      </form>

      {(s.status === 'received' || s.status === 'in_review') && (
        <form
          class="panel"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void act(() => api.send('POST', `${path}/merge`, { into: into.trim() }), t.merged);
          }}
        >
          <h2>{t.mergeTitle}</h2>
          <Input
            id="a-into"
            label={t.mergeInto}
            hint={t.mergeHint}
            value={into}
            onValue={setInto}
            error={fields.into}
          />
          <button type="submit" class="secondary">
            {t.merge}
          </button>
        </form>
      )}

      <div class="actions panel">
        <button
          type="button"
          class="secondary"
          onClick={() => void act(() => api.send('POST', `${path}/visibility`, { hidden: !s.hidden }), t.saved)}
        >
          {s.hidden ? t.showAgain : t.hideAbusive}
        </button>
        {s.hasContact && (
          <button
            type="button"
            class="secondary"
            onClick={() => void act(() => api.send('DELETE', `${path}/contact`), t.contactErased)}
          >
            {t.eraseContact}
          </button>
        )}
      </div>

      <h2>{t.history}</h2>
      <ol class="history">
        {d.history.map((h, i) => (
          <li key={i}>
            <span class="when">{when(h.at, lang)}</span> · <strong>{h.by ? keyLabel(h.by, t) : t.resident}</strong> ·{' '}
            {t.actions_[h.action]}
            {h.from &&
              h.to &&
              ` : ${label(h.from)} → ${h.to === 'done' ? statusLabel('done', lang, h.from as SuggestionOutcome) : label(h.to)}`}
            {h.into && ` → ${h.into}`}
            {(h.answer || h.note) && <blockquote class="text">{h.answer ?? h.note}</blockquote>}
          </li>
        ))}
      </ol>
    </section>
  );
}
