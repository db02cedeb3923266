/**
 * <ecoute-suggestions>: the suggestion box. Not queued like survey answers: the POST has no
 * client id to make a retry idempotent and the person needs the tracking code now, so a
 * failure keeps the text in the form and says to try again. Classes, not hooks, like the survey.
 */
import { Component, h } from 'preact';
import type { ElementProps } from '../element.ts';
import { hasWords, waiting } from '../chunks.ts';
import { strings } from '../i18n.ts';
import { apiBase, request } from '../net.ts';
import { looksLikeEmail, type Category } from './categories.ts';
import { lookupView, type Tracked } from './Lookup.tsx';
import { sentView } from './SentCode.tsx';
import { suggestionStrings } from './strings.ts';
import { suggestionSheet } from './styles.ts';

type Field = 'category' | 'text' | 'district' | 'email' | 'consent';
const EMPTY = { category: '', text: '', district: '', email: '', consent: false };

interface State {
  /** The territory's categories and promised delay, as the API gives them. */
  items: Category[];
  /** The territory's districts: picked, never typed (the API takes no other); none listed, none asked. */
  districts: Category[];
  days: number;
  /** The categories could not be read: the box cannot take a message. */
  offline?: boolean;
  form: typeof EMPTY;
  errors: Partial<Record<Field, string>>;
  notice?: string | undefined;
  busy?: boolean;
  sent?: { code: string; emailed?: boolean } | undefined;
  copied?: boolean;
  /** The look-up: the code typed, what it found, or why not. */
  code: string;
  found?: Tracked | undefined;
  problem?: string | undefined;
}

export class Suggestions extends Component<ElementProps, State> {
  override state: State = { items: [], districts: [], days: 15, form: EMPTY, errors: {}, code: '' };
  shownAt = Date.now();
  honeypot?: HTMLInputElement | null;
  root?: HTMLDivElement | null;
  focusNext = false;

  get base() {
    return apiBase(this.props.api);
  }
  get territoryUrl() {
    return `${this.base}/v1/territories/${encodeURIComponent(this.props.territory ?? '')}`;
  }

  override async componentDidMount() {
    const shadow = this.root?.getRootNode();
    if (shadow instanceof ShadowRoot) shadow.adoptedStyleSheets = [...shadow.adoptedStyleSheets, suggestionSheet()];
    const r = await request<{ items?: Category[]; districts?: Category[]; promisedDays?: number }>(
      `${this.territoryUrl}/suggestion-categories`,
    );
    if (r.data?.items)
      this.setState({ items: r.data.items, districts: r.data.districts ?? [], days: r.data.promisedDays ?? 15 });
    else this.setState({ offline: true });
  }

  override componentDidUpdate() {
    if (!this.focusNext) return;
    this.focusNext = false;
    this.root?.querySelector<HTMLElement>('[aria-invalid=true], .sent')?.focus();
  }

  render() {
    const lang = this.props.locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
    if (!hasWords(lang, () => this.forceUpdate())) return waiting();
    const t = suggestionStrings(lang);
    const { items, days, form, errors, notice, busy, sent } = this.state;
    const label = (id: string) => items.find((c) => c.id === id)?.label[lang] ?? id;
    const set = (field: Field, value: string | boolean) =>
      this.setState({ form: { ...form, [field]: value }, errors: { ...errors, [field]: undefined } });

    const send = async (e: Event) => {
      e.preventDefault();
      if (busy) return;
      const email = form.email.trim();
      const found: State['errors'] = {};
      if (!form.category) found.category = t.needCategory;
      if (!form.text.trim()) found.text = t.needText;
      if (email && !looksLikeEmail(email)) found.email = t.badEmail;
      if (email && !form.consent) found.consent = t.needConsent;
      this.focusNext = true;
      this.setState({ errors: found, notice: undefined, busy: !Object.keys(found).length });
      if (Object.keys(found).length) return;
      const r = await request<{ code: string; emailed?: boolean }>(`${this.territoryUrl}/suggestions`, {
        category: form.category,
        text: form.text.trim(),
        ...(form.district && { district: form.district }),
        ...(email && { contact: { email, consent: true } }),
        website: this.honeypot?.value ?? '',
        elapsedMs: Date.now() - this.shownAt,
      });
      this.focusNext = true;
      if (r.data?.code) return this.setState({ busy: false, sent: r.data, form: EMPTY });
      const fromApi: State['errors'] = {};
      for (const issue of r.error?.issues ?? []) {
        const field = issue.path.replace(/^contact\./, '') as Field;
        if (field in form) fromApi[field] = issue.message;
      }
      this.setState({
        busy: false,
        errors: fromApi,
        notice:
          r.status === 429
            ? t.tooMany
            : r.status === 0 || r.status >= 500
              ? t.sendFailed
              : (r.error?.message ?? t.sendFailed),
      });
    };

    const error = (f: Field) =>
      errors[f] && (
        <p class="err" id={`${f}-err`}>
          {errors[f]}
        </p>
      );
    const aria = (f: Field) => ({
      id: f,
      'aria-invalid': errors[f] ? ('true' as const) : undefined,
      'aria-describedby': errors[f] && `${f}-err`,
    });
    /** A labelled field whose words are `t[f]`, with its error. */
    const field = (f: 'category' | 'text' | 'district' | 'email', tag: string, props: object) => (
      <div class="f">
        <label for={f}>{t[f]}</label>
        {h(tag, {
          value: form[f],
          onInput: (e: Event) => set(f, (e.currentTarget as HTMLInputElement).value),
          ...aria(f),
          ...props,
        })}
        {error(f)}
      </div>
    );

    return (
      <div class="w" lang={lang} ref={(el) => void (this.root = el)}>
        <h2>{t.box}</h2>
        {this.state.offline ? (
          <p class="err" role="alert">
            {strings(lang).loadFailed}
          </p>
        ) : sent ? (
          sentView(this, t, sent)
        ) : (
          <form onSubmit={send} noValidate>
            <p class="hint">{t.promise.replace('{n}', String(days))}</p>
            {field('category', 'select', {
              'aria-required': 'true',
              children: [
                <option value="">{t.pick}</option>,
                ...items.map((c) => (
                  <option value={c.id} key={c.id}>
                    {c.label[lang] ?? c.label.fr}
                  </option>
                )),
              ],
            })}
            {field('text', 'textarea', { 'aria-required': 'true', maxLength: 5000 })}
            {this.state.districts.length > 0 &&
              field('district', 'select', {
                children: [
                  <option value="">{t.noDistrict}</option>,
                  ...this.state.districts.map((d) => (
                    <option value={d.id} key={d.id}>
                      {d.label[lang] ?? d.label.fr}
                    </option>
                  )),
                ],
              })}
            {field('email', 'input', { type: 'email', autocomplete: 'email' })}
            {/* Consent means something only once there is an address to consent for. */}
            {form.email.trim() && (
              <div class="f">
                <label class="opt">
                  <input
                    type="checkbox"
                    checked={form.consent}
                    onChange={(e) => set('consent', e.currentTarget.checked)}
                    {...aria('consent')}
                  />
                  <span>{t.consent}</span>
                </label>
                {error('consent')}
              </div>
            )}
            <div hidden>
              <input id="website" ref={(el) => void (this.honeypot = el)} tabIndex={-1} autocomplete="off" />
            </div>
            {notice && (
              <p class="err" role="alert">
                {notice}
              </p>
            )}
            <div class="nav">
              <button type="submit" disabled={busy}>
                {busy ? strings(lang).sending : strings(lang).send}
              </button>
            </div>
          </form>
        )}
        {lookupView(this, t, lang, label)}
      </div>
    );
  }
}
