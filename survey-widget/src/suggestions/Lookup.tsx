/** "Follow a message": look a tracking code up and show its status, the resident's own text and the town hall's answer. */
import { request } from '../net.ts';
import type { Suggestions } from './Suggestions.tsx';
import type { SuggestionStrings } from './strings.ts';

/** The API's public view (GET /v1/suggestions/{code}); `label` names the status in the one vocabulary. */
export interface Tracked {
  code: string;
  status: string;
  label?: { fr: string; en: string };
  category: string;
  createdAt: string;
  text?: string;
  answer?: { text: string; at: string };
}

export async function look(box: Suggestions, t: SuggestionStrings, e: Event) {
  e.preventDefault();
  const wanted = box.state.code.trim();
  if (!wanted) return box.setState({ found: undefined, problem: t.typeCode });
  // Sent as typed (spaces, lower case, O for 0): the API reads a code the way people copy it.
  const r = await request<Tracked>(`${box.base}/v1/suggestions/${encodeURIComponent(wanted)}`);
  box.setState({
    found: r.data,
    problem: r.data
      ? undefined
      : r.status === 404 || r.status === 400
        ? t.noCode
        : r.status === 429
          ? t.tooMany
          : t.lookFailed,
  });
}

export function lookupView(box: Suggestions, t: SuggestionStrings, lang: 'fr' | 'en', label: (id: string) => string) {
  const { found, problem } = box.state;
  const day = (iso: string) => new Date(iso).toLocaleDateString(lang);
  return (
    <form class="track" onSubmit={(e) => void look(box, t, e)} noValidate aria-labelledby="track">
      <h3 id="track">{t.track}</h3>
      <div class="f">
        <label for="code">{t.code}</label>
        <input
          id="code"
          autocomplete="off"
          spellcheck={false}
          value={box.state.code}
          onInput={(e) => box.setState({ code: e.currentTarget.value })}
          aria-describedby={problem ? 'code-err' : undefined}
          aria-invalid={problem ? 'true' : undefined}
        />
      </div>
      <button type="submit" class="sec">
        {t.look}
      </button>
      <div aria-live="polite">
        {problem && (
          <p class="err" id="code-err">
            {problem}
          </p>
        )}
        {found && (
          <dl>
            <dt>{t.status}</dt>
            <dd>{found.label?.[lang] ?? found.status}</dd>
            <dt>{t.category}</dt>
            <dd>{label(found.category)}</dd>
            <dt>{t.sentOn}</dt>
            <dd>{day(found.createdAt)}</dd>
            {found.text && (
              <>
                <dt>{t.text}</dt>
                <dd>{found.text}</dd>
              </>
            )}
            {found.answer && (
              <>
                <dt>{t.answer.replace('{d}', day(found.answer.at))}</dt>
                <dd>{found.answer.text}</dd>
              </>
            )}
          </dl>
        )}
      </div>
    </form>
  );
}
