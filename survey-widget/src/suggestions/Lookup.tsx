/** "Follow a message": look a tracking code up and show its status and the city hall's answer. */
import { useState } from 'preact/hooks';
import type { Strings } from '../i18n.ts';
import { request } from '../net.ts';

interface Tracked {
  code: string;
  status: string;
  category: string;
  createdAt: string;
  updatedAt: string;
  answer?: { text: string; at: string };
}

export function Lookup({
  base,
  locale,
  t,
  label,
}: {
  base: string;
  locale: string;
  t: Strings;
  label(category: string): string;
}) {
  const [code, setCode] = useState('');
  const [found, setFound] = useState<Tracked>();
  const [problem, setProblem] = useState<string>();
  const day = (iso: string) => new Date(iso).toLocaleDateString(locale);

  const look = async (e: Event) => {
    e.preventDefault();
    const wanted = code.trim();
    if (!wanted) return setProblem(t.noCode);
    const r = await request<Tracked>(`${base}/v1/suggestions/${encodeURIComponent(wanted)}`);
    setFound(r.data);
    setProblem(
      r.data
        ? undefined
        : r.status === 404 || r.status === 400
          ? t.noCode
          : r.status === 429
            ? t.tooMany
            : t.sendFailed,
    );
  };

  return (
    <form onSubmit={look} noValidate aria-labelledby="track">
      <h3 id="track">{t.track}</h3>
      <div class="row">
        <div class="f">
          <label for="code">{t.code}</label>
          <input
            id="code"
            autocomplete="off"
            spellcheck={false}
            value={code}
            onInput={(e) => setCode(e.currentTarget.value)}
            aria-describedby={problem ? 'code-err' : undefined}
            aria-invalid={problem ? 'true' : undefined}
          />
        </div>
        <button type="submit" class="sec">
          {t.look}
        </button>
      </div>
      <div aria-live="polite">
        {problem && (
          <p class="err" id="code-err">
            {problem}
          </p>
        )}
        {found && (
          <dl>
            <dt>{t.status}</dt>
            <dd>{t.statuses[found.status] ?? found.status}</dd>
            <dt>{t.category}</dt>
            <dd>{label(found.category)}</dd>
            <dt>{t.sentOn}</dt>
            <dd>{day(found.createdAt)}</dd>
            {found.answer && (
              <>
                <dt>{t.answer}</dt>
                <dd>{found.answer.text}</dd>
              </>
            )}
          </dl>
        )}
      </div>
    </form>
  );
}
