/** After sending: the tracking code, ways to keep it (copy, share, print), and what happens next. */
import { Component } from 'preact';
import type { SuggestionStrings } from './strings.ts';

interface Props {
  t: SuggestionStrings;
  code: string;
  emailed: boolean | undefined;
  days: number;
  again(): void;
}

export class SentCode extends Component<Props, { copied?: boolean }> {
  render() {
    const { t, code } = this.props;
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
        {this.props.emailed && <p>{t.mailed}</p>}
        <p>{t.next.replace('{n}', String(this.props.days))}</p>
        <div class="nav">
          {action(t.copy, () => navigator.clipboard?.writeText(code).then(() => this.setState({ copied: true })))}
          {'share' in navigator &&
            action(t.share, () => navigator.share({ text: t.shareText.replace('{code}', code) }).catch(() => {}))}
          {action(t.print, () => print())}
          {action(t.another, this.props.again)}
        </div>
        {this.state.copied && <p>{t.copied}</p>}
      </div>
    );
  }
}
