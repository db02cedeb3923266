/** "Follow a message": look a tracking code up and show its status, the resident's own text and the town hall's answer. */
import { Component } from 'preact';
import { request } from '../net.ts';
import type { SuggestionStrings } from './strings.ts';

/** The API's public view (GET /v1/suggestions/{code}); `label` names the status in the one vocabulary. */
interface Tracked {
  code: string;
  status: string;
  label?: { fr: string; en: string };
  category: string;
  createdAt: string;
  text?: string;
  answer?: { text: string; at: string };
}

interface Props {
  base: string;
  locale: 'fr' | 'en';
  t: SuggestionStrings;
  label(category: string): string;
}

export class Lookup extends Component<
  Props,
  { code: string; found?: Tracked | undefined; problem?: string | undefined }
> {
  override state = { code: '' };

  look = async (e: Event) => {
    e.preventDefault();
    const { t, base } = this.props;
    const wanted = this.state.code.trim();
    if (!wanted) return this.setState({ found: undefined, problem: t.typeCode });
    // Sent as typed (spaces, lower case, O for 0): the API reads a code the way people copy it.
    const r = await request<Tracked>(`${base}/v1/suggestions/${encodeURIComponent(wanted)}`);
    this.setState({
      found: r.data,
      problem: r.data
        ? undefined
        : r.status === 404 || r.status === 400
          ? t.noCode
          : r.status === 429
            ? t.tooMany
            : t.lookFailed,
    });
  };

  render() {
    const { t, locale } = this.props;
    const { found, problem } = this.state as { found?: Tracked; problem?: string };
    const day = (iso: string) => new Date(iso).toLocaleDateString(locale);
    return (
      <form class="track" onSubmit={this.look} noValidate aria-labelledby="track">
        <h3 id="track">{t.track}</h3>
        <div class="f">
          <label for="code">{t.code}</label>
          <input
            id="code"
            autocomplete="off"
            spellcheck={false}
            value={this.state.code}
            onInput={(e) => this.setState({ code: e.currentTarget.value })}
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
              <dd>{found.label?.[locale] ?? found.status}</dd>
              <dt>{t.category}</dt>
              <dd>{this.props.label(found.category)}</dd>
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
}
