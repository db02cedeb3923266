/**
 * The suggestion box for daily use: newest first, filters by status, theme (by its label),
 * visibility and lateness (past the delay promised to residents), one suggestion at a time
 * with its history, and a public answer in one step. Statuses read as the resident and the
 * e-mails say them (analytics/suggestion-statuses.ts).
 */
import { useEffect, useState } from 'preact/hooks';
import { SUGGESTION_STATUSES, statusLabel, type SuggestionStatusName } from '#analytics/suggestion-statuses.ts';
import { enc } from '../api.ts';
import { explain } from '../errors.ts';
import type { ScreenProps } from '../app.tsx';
import { Check, Notice, Select, useWords, when } from '../ui.tsx';
import { SuggestionDetail } from './SuggestionDetail.tsx';

export interface Suggestion {
  code: string;
  category: string;
  text: string;
  district?: string;
  status: SuggestionStatusName;
  createdAt: string;
  updatedAt: string;
  answer?: { text: string; at: string };
  firstAnswerAt?: string;
  hidden?: boolean;
  mergedInto?: string;
  hasContact: boolean;
}
export type Categories = Record<string, Record<string, string>>;

const DAY_MS = 86_400_000;
/** Days since it arrived, when it is still waiting for a first answer past the promised delay. */
export function lateBy(s: Suggestion, promisedDays: number, now: number): number | undefined {
  if (s.firstAnswerAt || (s.status !== 'received' && s.status !== 'in_review')) return undefined;
  const days = Math.floor((now - Date.parse(s.createdAt)) / DAY_MS);
  return days > promisedDays ? days : undefined;
}

export function Suggestions({ api, me }: ScreenProps) {
  const { t, lang } = useWords();
  const base = `/v1/territories/${enc(me.territory.id)}/suggestions`;
  const [categories, setCategories] = useState<Categories>({});
  const [filter, setFilter] = useState({ status: '', category: '', hidden: 'false', late: false });
  const [items, setItems] = useState<Suggestion[]>();
  const [districts, setDistricts] = useState<Record<string, Record<string, string>>>({});
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState('');
  const [open, setOpen] = useState<string>();
  const now = Date.now();

  useEffect(() => {
    document.title = `${t.screens.suggestions} — Écoute`;
    api
      .get<{
        items: { id: string; label: Record<string, string> }[];
        districts?: { id: string; label: Record<string, string> }[];
      }>(`/v1/territories/${enc(me.territory.id)}/suggestion-categories`)
      .then(
        (r) => {
          setCategories(Object.fromEntries(r.items.map((c) => [c.id, c.label])));
          setDistricts(Object.fromEntries((r.districts ?? []).map((c) => [c.id, c.label])));
        },
        () => setCategories({}),
      );
  }, []);

  const page = (status: string, cursor?: string) => {
    const q = new URLSearchParams({ limit: filter.late ? '100' : '25' });
    if (status) q.set('status', status);
    if (filter.category) q.set('category', filter.category);
    if (filter.hidden) q.set('hidden', filter.hidden);
    if (cursor) q.set('cursor', cursor);
    return api.get<{ items: Suggestion[]; next: string | null }>(`${base}?${q}`);
  };

  /** Late ones have had no answer yet: every page of the two waiting statuses, then those past the delay. */
  const lateOnes = async () => {
    const found: Suggestion[] = [];
    for (const status of filter.status ? [filter.status] : ['received', 'in_review']) {
      let cursor: string | undefined;
      for (let pages = 0; pages < 50; pages++) {
        const r = await page(status, cursor);
        found.push(...r.items);
        if (!r.next) break;
        cursor = r.next;
      }
    }
    return found
      .filter((s) => lateBy(s, me.territory.promisedDays, now) !== undefined)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  };

  const load = async (more = false) => {
    setError('');
    try {
      if (filter.late) {
        setItems(await lateOnes());
        setNext(null);
        return;
      }
      const r = await page(filter.status, more ? (next ?? undefined) : undefined);
      setItems(more ? [...(items ?? []), ...r.items] : r.items);
      setNext(r.next);
    } catch (e) {
      setError(explain(e, lang).message);
    }
  };
  useEffect(() => void load(), [filter]);

  const categoryLabel = (id: string) => categories[id]?.[lang] ?? categories[id]?.fr ?? id;
  // A district is stored by its id; one no longer listed (or typed before lists existed) shows as it was.
  const districtLabel = (id: string) => districts[id]?.[lang] ?? districts[id]?.fr ?? id;

  if (open)
    return (
      <SuggestionDetail
        api={api}
        me={me}
        code={open}
        categoryLabel={categoryLabel}
        districtLabel={districtLabel}
        onClose={() => {
          setOpen(undefined);
          void load();
        }}
      />
    );

  return (
    <section>
      <h1>{t.screens.suggestions}</h1>
      <p>{t.suggestionsIntro(me.territory.promisedDays)}</p>
      <form class="panel filters" onSubmit={(e) => e.preventDefault()}>
        <div class="row">
          <Select
            id="f-status"
            label={t.status}
            value={filter.status}
            onValue={(v) => setFilter({ ...filter, status: v })}
            options={[
              ['', t.allStatuses],
              ...SUGGESTION_STATUSES.map((s): [string, string] => [s, statusLabel(s, lang)]),
            ]}
          />
          <Select
            id="f-category"
            label={t.theme}
            value={filter.category}
            onValue={(v) => setFilter({ ...filter, category: v })}
            options={[
              ['', t.allThemes],
              ...Object.keys(categories).map((c): [string, string] => [c, categoryLabel(c)]),
            ]}
          />
          <Select
            id="f-hidden"
            label={t.visibility}
            value={filter.hidden}
            onValue={(v) => setFilter({ ...filter, hidden: v })}
            options={[
              ['false', t.visibleOnes],
              ['true', t.hiddenOnes],
              ['', t.allOnes],
            ]}
          />
        </div>
        <Check
          id="f-late"
          label={t.lateOnly(me.territory.promisedDays)}
          checked={filter.late}
          onCheck={(v) => setFilter({ ...filter, late: v })}
        />
      </form>
      {error && <Notice kind="error">{error}</Notice>}
      {items === undefined ? (
        <p role="status">{t.loading}</p>
      ) : (
        <>
          <p role="status">{t.suggestionCount(items.length)}</p>
          <ul class="cards suggestions">
            {items.map((s) => {
              const late = lateBy(s, me.territory.promisedDays, now);
              return (
                <li key={s.code} class={late ? 'card late' : 'card'}>
                  <h2 class="h3">
                    <button type="button" class="link" onClick={() => setOpen(s.code)}>
                      {categoryLabel(s.category)} — <span class="mono">{s.code}</span>
                    </button>
                  </h2>
                  <p class="meta">
                    <span class={`badge s-${s.status}`}>{statusLabel(s.status, lang)}</span>
                    {late !== undefined && <span class="badge late">{t.lateBy(late)}</span>}
                    {s.hidden && <span class="badge">{t.hiddenBadge}</span>} {when(s.createdAt, lang)}
                    {s.district ? ` · ${s.district}` : ''}
                  </p>
                  <p class="excerpt">{s.text.length > 200 ? `${s.text.slice(0, 200)}…` : s.text}</p>
                </li>
              );
            })}
          </ul>
          {next && (
            <button type="button" class="secondary" onClick={() => void load(true)}>
              {t.morePages}
            </button>
          )}
        </>
      )}
    </section>
  );
}
