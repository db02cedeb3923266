/**
 * <ecoute-suggestions>: the suggestion box. Not queued like survey answers: the POST has no
 * client id to make a retry idempotent and the person needs the tracking code now, so a
 * failure keeps the text in the form and says to try again.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ElementProps } from '../element.ts';
import { strings } from '../i18n.ts';
import { apiBase, request } from '../net.ts';
import { DEFAULT_CATEGORIES, looksLikeEmail, type Category } from './categories.ts';
import { Lookup } from './Lookup.tsx';

type Field = 'category' | 'text' | 'district' | 'email' | 'consent';

export function Suggestions({ api, territory, locale }: ElementProps) {
  const base = apiBase(api);
  const t = strings(locale);
  const lang = t === strings('fr') ? 'fr' : 'en';
  const [categories, setCategories] = useState<Category[]>(DEFAULT_CATEGORIES);
  // The territory's districts: picked, never typed (the API takes no other); none listed, none asked.
  const [districts, setDistricts] = useState<Category[]>([]);
  const [form, setForm] = useState({ category: '', text: '', district: '', email: '', consent: false });
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [notice, setNotice] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [code, setCode] = useState<string>();
  const shownAt = useRef(Date.now());
  const honeypot = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const [focusTick, setFocusTick] = useState(0);

  useEffect(() => {
    void request<{ items: Category[]; districts?: Category[] }>(
      `${base}/v1/territories/${encodeURIComponent(territory ?? '')}/suggestion-categories`,
    ).then((r) => {
      if (r.data?.items?.length) setCategories(r.data.items);
      setDistricts(r.data?.districts ?? []);
    });
  }, [base, territory]);

  useLayoutEffect(() => {
    if (!focusTick) return;
    root.current?.querySelector<HTMLElement>('[aria-invalid=true], .sent')?.focus();
  }, [focusTick]);

  const label = (id: string) => categories.find((c) => c.id === id)?.label[lang] ?? id;
  const set = (field: Field, value: string | boolean) => {
    setForm({ ...form, [field]: value });
    if (errors[field]) setErrors({ ...errors, [field]: undefined });
  };

  const send = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const email = form.email.trim();
    const found: typeof errors = {};
    if (!form.category) found.category = t.needCategory;
    if (!form.text.trim()) found.text = t.needText;
    if (email && !looksLikeEmail(email)) found.email = t.badEmail;
    if (email && !form.consent) found.consent = t.needConsent;
    setErrors(found);
    setNotice(undefined);
    if (Object.keys(found).length) return setFocusTick((n) => n + 1);
    setBusy(true);
    const body = {
      category: form.category,
      text: form.text.trim(),
      ...(form.district && { district: form.district }),
      ...(email && { contact: { email, consent: true } }),
      website: honeypot.current?.value ?? '',
      elapsedMs: Date.now() - shownAt.current,
    };
    const r = await request<{ code: string }>(
      `${base}/v1/territories/${encodeURIComponent(territory ?? '')}/suggestions`,
      body,
    );
    setBusy(false);
    if (r.data?.code) {
      setCode(r.data.code);
      setForm({ category: '', text: '', district: '', email: '', consent: false });
    } else {
      const fromApi: typeof errors = {};
      for (const issue of r.error?.issues ?? []) {
        const field = issue.path.replace(/^contact\./, '') as Field;
        if (field in form) fromApi[field] = issue.message;
      }
      setErrors(fromApi);
      setNotice(
        r.status === 429
          ? t.tooMany
          : r.status === 0 || r.status >= 500
            ? t.sendFailed
            : (r.error?.message ?? t.sendFailed),
      );
    }
    setFocusTick((n) => n + 1);
  };

  const described = (f: Field, hint?: string) => ({
    'aria-invalid': errors[f] ? ('true' as const) : undefined,
    'aria-describedby': [hint, errors[f] && `${f}-err`].filter(Boolean).join(' ') || undefined,
  });
  const error = (f: Field) =>
    errors[f] && (
      <p class="err" id={`${f}-err`}>
        {errors[f]}
      </p>
    );

  return (
    <div class="w" lang={lang} ref={root}>
      <h2>{t.box}</h2>
      {code ? (
        <div class="sent" tabIndex={-1} role="status">
          <h3>{t.received}</h3>
          <p>{t.yourCode}&nbsp;:</p>
          <p class="code">{code}</p>
          <p>{t.keepCode}</p>
          <button type="button" class="sec" onClick={() => setCode(undefined)}>
            {t.another}
          </button>
        </div>
      ) : (
        <form onSubmit={send} noValidate>
          <div class="f">
            <label for="category">{t.category}</label>
            <select
              id="category"
              value={form.category}
              onChange={(e) => set('category', e.currentTarget.value)}
              aria-required="true"
              {...described('category')}
            >
              <option value="">{t.pick}</option>
              {categories.map((c) => (
                <option value={c.id} key={c.id}>
                  {c.label[lang]}
                </option>
              ))}
            </select>
            {error('category')}
          </div>
          <div class="f">
            <label for="text">{t.text}</label>
            <textarea
              id="text"
              maxLength={5000}
              value={form.text}
              onInput={(e) => set('text', e.currentTarget.value)}
              aria-required="true"
              {...described('text')}
            />
            {error('text')}
          </div>
          {districts.length > 0 && (
            <div class="f">
              <label for="district">{t.district}</label>
              <select
                id="district"
                value={form.district}
                onChange={(e) => set('district', e.currentTarget.value)}
                {...described('district')}
              >
                <option value="">{t.noDistrict}</option>
                {districts.map((d) => (
                  <option value={d.id} key={d.id}>
                    {d.label[lang] ?? d.label.fr}
                  </option>
                ))}
              </select>
              {error('district')}
            </div>
          )}
          <div class="f">
            <label for="email">{t.email}</label>
            <input
              id="email"
              type="email"
              autocomplete="email"
              value={form.email}
              onInput={(e) => set('email', e.currentTarget.value)}
              {...described('email')}
            />
            {error('email')}
          </div>
          <div class="f">
            <label class="opt">
              <input
                type="checkbox"
                checked={form.consent}
                onChange={(e) => set('consent', e.currentTarget.checked)}
                {...described('consent')}
              />
              <span>{t.consent}</span>
            </label>
            {error('consent')}
          </div>
          <div hidden>
            <label for="website">Website</label>
            <input id="website" ref={honeypot} tabIndex={-1} autocomplete="off" />
          </div>
          {notice && (
            <p class="err" role="alert">
              {notice}
            </p>
          )}
          <div class="nav">
            <button type="submit" disabled={busy}>
              {busy ? t.sending : t.send}
            </button>
          </div>
        </form>
      )}
      <hr />
      <Lookup base={base} locale={lang} t={t} label={label} />
    </div>
  );
}
