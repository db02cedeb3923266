/**
 * The draft in the real widget (ecoute.js, from where the snippet loads it), in French or
 * English, on a phone's width and a desktop's, side by side. The widget's `preview` attribute
 * makes it fetch nothing and send nothing.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { SurveyDefinition } from '#analytics/questionnaire.ts';
import type { ConsoleConfig } from '../api.ts';
import { Notice, useWords } from '../ui.tsx';

let loading: Promise<unknown> | undefined;

/** Loads ecoute.js once; resolves when <ecoute-survey> is defined. */
function widgetReady(src: string): Promise<unknown> {
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.async = true;
    script.onerror = () => {
      loading = undefined;
      reject(new Error('widget'));
    };
    document.head.append(script);
    void customElements.whenDefined('ecoute-survey').then(resolve);
  });
  return loading;
}

export function Preview({
  config,
  definition,
  id,
}: {
  config: ConsoleConfig;
  definition: SurveyDefinition;
  id: string;
}) {
  const { t } = useWords();
  const [ready, setReady] = useState(Boolean(customElements.get('ecoute-survey')));
  const [failed, setFailed] = useState(false);
  const [lang, setLang] = useState(definition.defaultLocale.startsWith('en') ? 'en' : 'fr');
  useEffect(() => {
    widgetReady(config.widget).then(
      () => setReady(true),
      () => setFailed(true),
    );
  }, []);
  if (failed) return <Notice kind="error">{t.widgetMissing}</Notice>;
  if (!ready) return <p role="status">{t.loading}</p>;
  return (
    <div class="preview">
      <p>{t.previewIntro}</p>
      <fieldset class="inline">
        <legend>{t.previewLanguage}</legend>
        {(['fr', 'en'] as const).map((l) => (
          <span class="radio" key={l}>
            <input type="radio" id={`pv-${l}`} name="pv-lang" checked={lang === l} onChange={() => setLang(l)} />
            <label for={`pv-${l}`}>{t.languageNames[l]}</label>
          </span>
        ))}
      </fieldset>
      <div class="devices">
        <figure class="phone">
          <figcaption>{t.phoneWidth}</figcaption>
          <Widget definition={definition} id={id} lang={lang} />
        </figure>
        <figure class="desktop">
          <figcaption>{t.desktopWidth}</figcaption>
          <Widget definition={definition} id={id} lang={lang} />
        </figure>
      </div>
    </div>
  );
}

function Widget({ definition, id, lang }: { definition: SurveyDefinition; id: string; lang: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const host = ref.current;
    if (!host) return;
    const el = document.createElement('ecoute-survey') as HTMLElement & { definition?: object };
    el.setAttribute('preview', '');
    el.setAttribute('survey', id);
    el.setAttribute('lang', lang);
    el.definition = definition;
    host.replaceChildren(el);
    return () => host.replaceChildren();
  }, [definition, id, lang]);
  return <div ref={ref} />;
}
