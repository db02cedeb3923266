/** After sending: the tracking code, ways to keep it (copy, share, print), and what happens next. */
import type { Suggestions } from './Suggestions.tsx';
import type { SuggestionStrings } from './strings.ts';

export function sentView(box: Suggestions, t: SuggestionStrings, sent: { code: string; emailed?: boolean }) {
  const { code } = sent;
  const action = (text: string, run: () => unknown) => (
    <button type="button" class="sec" onClick={run}>
      {text}
    </button>
  );
  return (
    <div class="sent" tabIndex={-1} role="status">
      <h3>{t.received}</h3>
      <p>{t.yourCode}</p>
      <p class="code">{code}</p>
      {sent.emailed && <p>{t.mailed}</p>}
      <p>{t.next.replace('{n}', String(box.state.days))}</p>
      <div class="nav">
        {action(t.copy, () => navigator.clipboard?.writeText(code).then(() => box.setState({ copied: true })))}
        {'share' in navigator &&
          action(t.share, () => navigator.share({ text: `${t.yourCode} ${code}` }).catch(() => {}))}
        {action(t.print, () => print())}
        {action(t.another, () => box.setState({ sent: undefined, copied: false }))}
      </div>
      {box.state.copied && <p>{t.copied}</p>}
    </div>
  );
}
