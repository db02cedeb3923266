/**
 * <ecoute-survey>: load the live survey, ask who you are, then one screen per question (a grid
 * for a run of ratings on one scale), send through the outbox, thank and offer to withdraw.
 * `channel` says where the answer comes from; `kiosk` (a shared tablet) also starts over after
 * each answer and after two minutes untouched, and never resumes a person's draft.
 * A class, not hooks: preact/hooks would cost a twelfth of the widget's byte budget.
 */
import type {
  Answers,
  AnswerValue,
  Audience,
  LocalizedText,
  Question as Q,
  SurveyDefinition,
} from '#analytics/questionnaire.ts';
import { Component, type ComponentChildren } from 'preact';
import type { ElementProps } from '../element.ts';
import { beside, hasWords, waiting } from '../chunks.ts';
import { fill, isFrench, pickLocale, strings, tr, type Strings } from '../i18n.ts';
import { isoWithOffset, ulid } from '../ids.ts';
import { apiBase, request } from '../net.ts';
import { discard, isDelivered, submit, watch } from '../outbox.ts';
import { forgetReceipt, keptReceipt } from '../receipts.ts';
import { isRetryable } from '../retry.ts';
import { isEmpty, readDraft, writeDraft, type Draft } from './draft.ts';
import { Question } from './Question.tsx';
import { stepsOf } from './steps.ts';

type LiveSurvey = SurveyDefinition & { id: string; version: number };

export const SURVEY_ATTRIBUTES: ('survey' | 'api' | 'channel' | 'preview')[] = ['survey', 'api', 'channel', 'preview'];
/** The channels a page may declare (`paper` is for answers typed in by staff). */
const CHANNELS = ['web', 'qr', 'email', 'kiosk'];
const KIOSK_IDLE_MS = 120_000;
const KIOSK_THANKS_MS = 20_000;

interface State {
  def?: LiveSurvey | undefined;
  loading: 'loading' | 'failed' | 'ready';
  /** The language the person switched to. */
  lang?: string | undefined;
  draft?: Draft | undefined;
  audience?: Audience | undefined;
  errors: Record<string, string>;
  notice?: string | undefined;
  outcome?: 'arrived' | 'queued' | undefined;
  /** The id of the response just sent, and what became of withdrawing it. */
  sent?: string | undefined;
  withdrawal?: string | undefined;
}

const START: State = {
  loading: 'ready',
  audience: undefined,
  errors: {},
  notice: undefined,
  outcome: undefined,
  sent: undefined,
  withdrawal: undefined,
};

export class Survey extends Component<ElementProps, State> {
  override state: State = { loading: 'loading', errors: {} };
  /** The draft as of the last change: a fast keyboard can press "Next" before the render that holds the last answer. */
  latest?: Draft | undefined;
  busy = false;
  /** The focus follows the person's own moves only, never the first render (the host page keeps its focus). */
  focusNext = false;
  stepBox?: HTMLDivElement | null;
  pointer = '';
  timer?: ReturnType<typeof setTimeout>;
  kioskTimer?: ReturnType<typeof setTimeout>;

  get base() {
    return apiBase(this.props.api);
  }
  get id() {
    return this.props.survey ?? '';
  }
  get postUrl() {
    return `${this.base}/v1/surveys/${encodeURIComponent(this.id)}/responses`;
  }
  get kiosk() {
    return this.props.channel === 'kiosk';
  }
  /** A preview (the staff console) renders the definition it is given and never stores nor sends. */
  get previewing() {
    return this.props.preview != null;
  }

  override componentDidMount() {
    void this.load();
    // For the page's life: an element taken off the page stops rendering, and its listener with it.
    watch(() => {
      const { outcome, sent } = this.state;
      if (outcome === 'queued' && sent && isDelivered(sent)) this.setState({ outcome: 'arrived' });
    });
  }

  override componentDidUpdate(previous: ElementProps) {
    if (previous.definition !== this.props.definition) void this.load();
    const { draft, outcome } = this.state;
    if (draft && !this.kiosk && !this.previewing) writeDraft(this.base, this.id, outcome ? undefined : draft);
    if (this.focusNext) {
      this.focusNext = false;
      const invalid = this.stepBox?.querySelector<HTMLElement>(
        '[aria-invalid=true] input, textarea[aria-invalid=true]',
      );
      (invalid ?? this.stepBox)?.focus();
    }
    // The kiosk starts over by itself: after the thank-you, and when nobody touched it for two minutes
    // (every answer, key or tap renders, and so sets the clock again).
    clearTimeout(this.kioskTimer);
    if (this.kiosk) this.kioskTimer = setTimeout(this.restart, outcome ? KIOSK_THANKS_MS : KIOSK_IDLE_MS);
  }

  load = async () => {
    const given = this.props.definition;
    if (given) {
      const def = { id: this.id, version: 1, ...given } as LiveSurvey;
      this.setState({ ...START, def, loading: 'ready' });
      return this.setDraft(this.fresh(def));
    }
    this.setState({ loading: 'loading' });
    const id = encodeURIComponent(this.id);
    // The survey's public file beside this script (no API request); the API when there is none, as
    // before files existed (an older deployment, a copy of the script hosted elsewhere). A closed
    // survey's file has no version: it is not loaded, as the API's 404 was not.
    const def =
      (await request<LiveSurvey>(beside(`surveys/${id}.json`))).data ??
      (await request<LiveSurvey>(`${this.base}/v1/surveys/${id}`)).data;
    if (!def?.version) return this.setState({ loading: 'failed' });
    // A shared tablet never resumes the previous person's answers.
    const resumed = this.kiosk ? undefined : readDraft(this.base, this.id, def.version);
    this.setState({ def, loading: 'ready' });
    this.setDraft(resumed ?? this.fresh(def));
  };

  setDraft(draft: Draft | undefined, more?: Partial<State>) {
    this.latest = draft;
    this.setState({ draft, ...more });
  }

  /** A new person's start: straight to the questions when the survey has one public. */
  fresh(def: LiveSurvey, audience = def.audiences.length === 1 ? def.audiences[0] : undefined): Draft | undefined {
    return audience && { id: ulid(), audience, answers: {}, step: 0, version: def.version };
  }

  refocus(more: Partial<State>) {
    this.focusNext = true;
    this.setState(more);
  }

  restart = () => {
    clearTimeout(this.timer);
    writeDraft(this.base, this.id, undefined);
    const { def, lang } = this.state;
    this.setDraft(def && this.fresh(def), { ...START, lang: this.kiosk ? undefined : lang });
  };

  /** Switches once the words are here, so the button keeps the focus and the text never flashes in between. */
  switchTo(lang: string) {
    const go = () => this.setState({ lang });
    if (hasWords(lang, go)) go();
  }

  withdraw = async (t: Strings, id: string) => {
    const kept = keptReceipt(this.postUrl);
    let done = !isDelivered(id) && discard(id);
    if (!done && kept?.id === id) {
      const url = `${this.base}/v1/responses/${id}?receipt=${encodeURIComponent(kept.receipt)}`;
      // 404: the API has no such response any more, which is what the person wants.
      done = [204, 404].includes((await request(url, undefined, 'DELETE')).status);
    }
    if (done) forgetReceipt(id);
    this.setState({ withdrawal: done ? t.withdrawn : t.withdrawFailed });
  };

  render() {
    const { def, loading, draft, errors, outcome, sent, withdrawal, notice } = this.state;
    const available = def ? Object.keys(def.title) : [];
    const locale = pickLocale(this.state.lang ?? this.props.locale, available, def?.defaultLocale ?? 'fr');
    if (!hasWords(locale, () => this.forceUpdate())) return waiting();
    const t = strings(locale);
    const say = (x: LocalizedText | undefined) => tr(x, locale, def?.defaultLocale ?? 'fr');
    const other = isFrench(locale) ? 'en' : 'fr';
    const switchTo = available.find((l) => l.startsWith(other));
    const frame = (body: ComponentChildren) => (
      <div class={this.kiosk ? 'w k' : 'w'} lang={locale}>
        <div class="top">
          {def && <h2>{say(def.title)}</h2>}
          {switchTo && (
            <button type="button" class="sec" lang={other} onClick={() => this.switchTo(switchTo)}>
              {t.other}
            </button>
          )}
        </div>
        {body}
      </div>
    );

    if (loading !== 'ready' || !def) {
      if (loading === 'loading') return frame(<p role="status">{t.loading}</p>);
      return frame(
        <div role="alert">
          <p>{t.loadFailed}</p>
          <button type="button" onClick={this.load}>
            {t.retry}
          </button>
        </div>,
      );
    }

    const ref = (el: HTMLDivElement | null) => void (this.stepBox = el);
    const offerWithdrawal = (id: string) =>
      withdrawal ? (
        <span role="status">{withdrawal}</span>
      ) : (
        <button type="button" class="sec" onClick={() => void this.withdraw(t, id)}>
          {t.withdraw}
        </button>
      );
    const restart = (
      <button type="button" class="sec" onClick={this.restart}>
        {t.restart}
      </button>
    );
    const intro = (
      <>
        {def.intro && <p class="hint">{say(def.intro)}</p>}
        <p class="hint">{t.optional}</p>
      </>
    );

    if (outcome && sent) {
      return frame(
        <>
          <div tabIndex={-1} ref={ref} role="status">
            <h3>{t.thanks}</h3>
            <p>{this.previewing ? t.previewed : outcome === 'arrived' ? t.arrived : t.queued}</p>
          </div>
          <p>{t.use}</p>
          <p class="hint">
            {t.privacy}{' '}
            {def.privacyUrl && (
              <a href={def.privacyUrl} target="_blank" rel="noopener">
                {t.notice}
              </a>
            )}
          </p>
          <div class="nav">
            {offerWithdrawal(sent)}
            {restart}
          </div>
        </>,
      );
    }

    if (!draft) {
      const chosen = this.state.audience;
      const label = (text: string) => ({ [locale]: text });
      const who: Q = {
        id: 'audience',
        type: 'choice',
        label: label(t.who),
        options: def.audiences.map((a) => ({ id: a, label: label(t[a]) })),
      };
      const previous = !this.kiosk && keptReceipt(this.postUrl);
      const start = (e: Event) => {
        e.preventDefault();
        if (!chosen) return this.refocus({ errors: { audience: t.answerThis } });
        this.focusNext = true;
        this.setDraft(this.fresh(def, chosen), { errors: {} });
      };
      return frame(
        // Its own key: the buttons of one screen must not be reused for the other's, or a click on
        // "Précédent" could end as a press of "Commencer" once the screen changed under it.
        <form key="who" onSubmit={start} noValidate>
          {intro}
          {(previous || withdrawal) && (
            <p class="hint">
              {previous && t.answeredOn} {offerWithdrawal(previous ? previous.id : '')}
            </p>
          )}
          <div tabIndex={-1} ref={ref}>
            <Question
              q={who}
              value={chosen}
              error={errors.audience}
              onChange={(v) => this.setState({ audience: v as Audience })}
              say={(x) => x?.[locale] ?? ''}
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
    const steps = stepsOf(questions);
    const stepOf = (d: Draft) => Math.min(d.step, steps.length - 1);
    const step = stepOf(draft);
    const qs = steps[step] ?? [];
    const first = steps.slice(0, step).flat().length + 1;
    const now = () => this.latest ?? draft;
    const go = (to: number) => {
      clearTimeout(this.timer);
      this.focusNext = true;
      this.setDraft({ ...now(), step: to });
    };

    const send = async (d: Draft) => {
      if (this.previewing) return this.refocus({ sent: d.id, outcome: 'arrived' });
      this.busy = true;
      this.setState({ notice: undefined });
      const body = {
        id: d.id,
        audience: d.audience,
        locale,
        answers: d.answers,
        channel: CHANNELS.includes(this.props.channel ?? '') ? this.props.channel : 'web',
        submittedAt: isoWithOffset(new Date()),
        version: d.version,
      };
      const delivery = submit(this.postUrl, d.id, body);
      writeDraft(this.base, this.id, undefined); // the outbox holds it now; a tab closed at once must not resume it
      const reply = await delivery;
      this.busy = false;
      if (isDelivered(d.id) || isRetryable(reply.status))
        return this.refocus({ sent: d.id, outcome: isDelivered(d.id) ? 'arrived' : 'queued' });
      const found: Record<string, string> = {};
      for (const issue of reply.error?.issues ?? []) {
        const qid = /^answers\.(.+)$/.exec(issue.path)?.[1];
        if (qid && !found[qid]) found[qid] = issue.message;
      }
      const at = steps.findIndex((s) => s.some((x) => found[x.id]));
      if (at >= 0) go(at);
      this.refocus({ errors: found, notice: `${t.refused} ${reply.error?.message ?? ''}`.trim() });
    };

    const advance = () => {
      const d = now();
      const at = stepOf(d);
      const missing = (steps[at] ?? []).filter((x) => x.required && isEmpty(d.answers[x.id]));
      if (this.busy) return;
      if (missing.length)
        return this.refocus({
          errors: { ...this.state.errors, ...Object.fromEntries(missing.map((x) => [x.id, t.answerThis])) },
        });
      if (at === steps.length - 1) void send(d);
      else go(at + 1);
    };

    const answer = (q: Q, v: AnswerValue | undefined, picked?: boolean) => {
      const answers: Answers = { ...now().answers };
      if (v === undefined) delete answers[q.id];
      else answers[q.id] = v;
      this.setDraft({ ...now(), answers }, { errors: { ...this.state.errors, [q.id]: '' } });
      // A tap on a one-answer screen moves on, after a moment to see it taken; keyboards and mice press "Next".
      clearTimeout(this.timer);
      if (picked && this.pointer === 'touch' && qs.length === 1) this.timer = setTimeout(advance, 400);
    };

    const grid = qs.length > 1;
    return frame(
      <form
        key="questions"
        onSubmit={(e) => {
          e.preventDefault();
          advance();
        }}
        noValidate
        onPointerDown={(e) => (this.pointer = e.pointerType)}
        onKeyDown={() => (this.pointer = '')}
      >
        {step === 0 && def.audiences.length === 1 && intro}
        <div class="prog">
          <span id="prog">
            {fill(grid ? t.progressMany : t.progress, {
              n: first,
              m: first + qs.length - 1,
              total: questions.length,
            })}
          </span>
          {restart}
          <progress max={questions.length} value={first + qs.length - 1} aria-labelledby="prog" />
        </div>
        <div tabIndex={-1} ref={ref} key={qs[0]?.id}>
          {qs.map((q) => (
            <Question
              key={q.id}
              q={q}
              value={draft.answers[q.id]}
              error={errors[q.id] || undefined}
              onChange={(v, picked) => answer(q, v, picked)}
              say={say}
              t={t}
              grid={grid && `q-${qs[0]?.id}-more`}
            />
          ))}
        </div>
        {notice && (
          <p class="err" role="alert">
            {notice}
          </p>
        )}
        <div class="nav">
          {(step > 0 || def.audiences.length > 1) && (
            <button
              type="button"
              class="sec"
              // Back to "Vous êtes…" from the first screen: that public's questionnaire starts over.
              onClick={() => {
                if (step) return go(step - 1);
                this.restart();
                this.refocus({ audience: draft.audience });
              }}
            >
              {t.previous}
            </button>
          )}
          <button type="submit" disabled={this.busy}>
            {this.busy ? t.sending : step === steps.length - 1 ? t.send : t.next}
          </button>
        </div>
      </form>,
    );
  }
}
