/**
 * Sharing a survey: the snippet for the office's site with a check that the page's origin is
 * allowed, and the hosted page (served by the product at /s/{id}) for a QR code on a counter,
 * an e-mail campaign or a kiosk tablet.
 */
import { useEffect, useState } from 'preact/hooks';
import { Origin } from '#analytics/territory.ts';
import { enc, saveFile, type Api, type ConsoleConfig, type StaffMe } from '../api.ts';
import { explain } from '../errors.ts';
import { qrModules, qrPath, qrSvgFile } from '../qr.ts';
import { CopyButton, Input, Notice, useWords } from '../ui.tsx';

export const snippetOf = (config: ConsoleConfig, id: string, lang: string) =>
  `<script src="${config.widget}" async></script>\n<ecoute-survey survey="${id}" api="${config.api}" lang="${lang}"></ecoute-survey>`;

export function Share({
  api,
  me,
  config,
  id,
  live,
}: {
  api: Api;
  me: StaffMe;
  config: ConsoleConfig;
  id: string;
  live: boolean;
}) {
  const { t } = useWords();
  const snippet = snippetOf(config, id, 'fr');
  const page = `${config.hosted}${enc(id)}`;
  const qrLink = `${page}?channel=qr`;
  return (
    <div class="share">
      {!live && <Notice kind="info">{t.notLiveYet}</Notice>}
      <h2>{t.embedTitle}</h2>
      <p>{t.embedIntro}</p>
      <figure class="snippet">
        <figcaption>{t.snippet}</figcaption>
        <pre>
          <code>{snippet}</code>
        </pre>
      </figure>
      <CopyButton text={snippet} label={t.copySnippet} />
      <OriginCheck api={api} me={me} />

      <h2>{t.hostedTitle}</h2>
      <p>{t.hostedIntro}</p>
      <dl class="links">
        <dt>{t.linkPage}</dt>
        <dd>
          <a href={page} target="_blank" rel="noopener">
            {page}
          </a>
        </dd>
        <dt>{t.linkEmail}</dt>
        <dd>
          <code id="link-email">{`${page}?channel=email`}</code>{' '}
          <CopyButton text={`${page}?channel=email`} label={t.copyLink} />
        </dd>
        <dt>{t.linkKiosk}</dt>
        <dd>
          <code>{`${page}?channel=kiosk`}</code> <CopyButton text={`${page}?channel=kiosk`} label={t.copyLink} />
          <p class="hint">{t.kioskHint}</p>
        </dd>
      </dl>
      <h3>{t.qrTitle}</h3>
      <p>{t.qrIntro}</p>
      <QrCode text={qrLink} label={t.qrAlt(qrLink)} />
      <p class="actions">
        <button
          type="button"
          class="secondary"
          onClick={() => saveFile(new Blob([qrSvgFile(qrLink)], { type: 'image/svg+xml' }), `qr-${id}.svg`)}
        >
          {t.downloadQr}
        </button>
        <button type="button" class="secondary" onClick={() => window.print()}>
          {t.printQr}
        </button>
      </p>
    </div>
  );
}

export function QrCode({ text, label }: { text: string; label: string }) {
  const modules = qrModules(text);
  const size = modules.length;
  return (
    <svg class="qr" role="img" aria-label={label} viewBox={`0 0 ${size} ${size}`} shape-rendering="crispEdges">
      <rect width={size} height={size} fill="#fff" />
      <path d={qrPath(modules)} fill="#000" />
    </svg>
  );
}

/** Is the page where the snippet goes allowed to send answers? If not, one click adds its origin. */
function OriginCheck({ api, me }: { api: Api; me: StaffMe }) {
  const { t, lang } = useWords();
  const [address, setAddress] = useState('');
  const [allowed, setAllowed] = useState<string[]>();
  const [result, setResult] = useState<{ kind: 'ok' | 'error' | 'info'; text: string; origin?: string }>();
  const path = `/v1/territories/${enc(me.territory.id)}`;
  useEffect(() => {
    api.get<{ allowedOrigins: string[] }>(path).then(
      (x) => setAllowed(x.allowedOrigins),
      () => setAllowed([]),
    );
  }, []);

  const check = (e: Event) => {
    e.preventDefault();
    let origin: string;
    try {
      origin = new URL(address.trim()).origin;
    } catch {
      return setResult({ kind: 'error', text: t.notAnAddress });
    }
    if (!Origin.safeParse(origin).success) return setResult({ kind: 'error', text: t.notAnAddress });
    if (allowed?.includes(origin)) return setResult({ kind: 'ok', text: t.originAllowed(origin) });
    setResult({ kind: 'error', text: t.originRefused(origin), origin });
  };
  const allow = async (origin: string) => {
    try {
      const next = [...(allowed ?? []), origin];
      await api.send('PATCH', path, { allowedOrigins: next });
      setAllowed(next);
      setResult({ kind: 'ok', text: t.originAdded(origin) });
    } catch (failure) {
      setResult({ kind: 'error', text: explain(failure, lang).message });
    }
  };
  return (
    <form onSubmit={check} noValidate class="panel">
      <h3>{t.originCheckTitle}</h3>
      <Input
        id="page-address"
        type="url"
        label={t.pageAddress}
        hint={t.pageAddressHint}
        value={address}
        onValue={setAddress}
      />
      <button type="submit" class="secondary">
        {t.checkOrigin}
      </button>
      {result && (
        <Notice kind={result.kind}>
          <p>{result.text}</p>
          {result.origin && me.role === 'admin' && (
            <button type="button" onClick={() => void allow(result.origin ?? '')}>
              {t.allowOrigin(result.origin)}
            </button>
          )}
        </Notice>
      )}
    </form>
  );
}
