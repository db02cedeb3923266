/**
 * The console's frame: sign-in, the key kept for this tab only (sessionStorage, never in a
 * URL), the screens each role may use (nothing else is shown), the language, sign-out.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { apiClient, type Api, type ConsoleConfig, type Me, type StaffMe } from './api.ts';
import type { Lang } from './errors.ts';
import { mayLeave, setDirty } from './guard.ts';
import { FR, type Strings } from './i18n.ts';
import { lazy } from './lazy.tsx';
import { Keys } from './screens/Keys.tsx';
import { Reports } from './screens/Reports.tsx';
import { SignIn } from './screens/SignIn.tsx';
import { Suggestions } from './screens/Suggestions.tsx';
import { keyLabel, useWords, Words } from './ui.tsx';

// The screens that check input with the API's zod schemas load on first use (see lazy.tsx).
const Territories = lazy(() => import('./screens/Territories.tsx').then((m) => m.Territories));
const Settings = lazy(() => import('./screens/Settings.tsx').then((m) => m.Settings));
const Surveys = lazy(() => import('./screens/Surveys.tsx').then((m) => m.Surveys));
const SurveyPage = lazy(() => import('./screens/SurveyPage.tsx').then((m) => m.SurveyPage));

const KEY_STORE = 'ecoute.console.key';
const LANG_STORE = 'ecoute.console.lang';

type Screen = 'territories' | 'surveys' | 'reports' | 'suggestions' | 'keys' | 'settings';
const SCREENS: Record<Me['role'], Screen[]> = {
  operator: ['territories'],
  admin: ['surveys', 'reports', 'suggestions', 'keys', 'settings'],
  evaluator: ['reports'],
  moderator: ['suggestions'],
};

export interface ScreenProps {
  api: Api;
  me: StaffMe;
  config: ConsoleConfig;
  go: (hash: string) => void;
}

const routeOf = (hash: string) => hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);

export function App({ config }: { config: ConsoleConfig }) {
  const [lang, setLang] = useState<Lang>(localStorage.getItem(LANG_STORE) === 'en' ? 'en' : 'fr');
  const [english, setEnglish] = useState<Strings>();
  // English is fetched the first time it is asked for; French shows until it has arrived.
  useEffect(() => {
    if (lang === 'en' && !english) void import('./i18n-en.ts').then((m) => setEnglish(m.EN));
  }, [lang]);
  const t = lang === 'en' && english ? english : FR;
  const [session, setSession] = useState<{ key: string; me: Me }>();
  const [restoring, setRestoring] = useState(Boolean(sessionStorage.getItem(KEY_STORE)));
  const [route, setRoute] = useState(routeOf(location.hash));

  useEffect(() => {
    document.documentElement.lang = lang;
    localStorage.setItem(LANG_STORE, lang);
  }, [lang]);

  // The address shown, to put back when someone stays to keep unsaved edits.
  const shown = useRef(location.hash);
  useEffect(() => {
    const onHash = () => {
      if (location.hash === shown.current) return;
      if (!mayLeave(t.leaveUnsaved)) {
        history.replaceState(null, '', shown.current || location.pathname);
        return;
      }
      shown.current = location.hash;
      setRoute(routeOf(location.hash));
    };
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, [t]);

  // A reload of the tab keeps the session: the key is in sessionStorage, and only there.
  useEffect(() => {
    const key = sessionStorage.getItem(KEY_STORE);
    if (!key) return;
    apiClient(config.api, key)
      .get<Me>('/v1/me')
      .then(
        (me) => setSession({ key, me }),
        () => sessionStorage.removeItem(KEY_STORE),
      )
      .finally(() => setRestoring(false));
  }, []);

  const api = useMemo(() => (session ? apiClient(config.api, session.key) : undefined), [session]);
  const signIn = (key: string, me: Me) => {
    sessionStorage.setItem(KEY_STORE, key);
    setSession({ key, me });
  };
  const signOut = () => {
    if (!mayLeave(t.leaveUnsaved)) return;
    sessionStorage.removeItem(KEY_STORE);
    setDirty(false);
    setSession(undefined);
    history.replaceState(null, '', location.pathname);
    shown.current = '';
    setRoute([]);
  };
  const go = (hash: string) => {
    location.hash = hash;
  };

  const words = { t, lang: t === FR ? ('fr' as const) : lang };
  const switchLang = (
    <button
      type="button"
      class="link lang"
      lang={lang === 'fr' ? 'en' : 'fr'}
      onClick={() => setLang(lang === 'fr' ? 'en' : 'fr')}
    >
      {t.otherLanguage}
    </button>
  );

  if (!session || !api) {
    return (
      <Words.Provider value={words}>
        <Header>{switchLang}</Header>
        <main id="main" tabIndex={-1}>
          {restoring ? <p role="status">{t.loading}</p> : <SignIn config={config} onSignedIn={signIn} />}
        </main>
      </Words.Provider>
    );
  }

  const { me } = session;
  const allowed = SCREENS[me.role];
  const wanted = route[0] as Screen | undefined;
  const screen: Screen = wanted && allowed.includes(wanted) ? wanted : (allowed[0] ?? 'reports');
  const staff = me.role === 'operator' ? undefined : me;
  const props = staff && { api, me: staff, config, go };

  return (
    <Words.Provider value={words}>
      <Header>
        <p class="who">
          {staff ? (
            <>
              <strong>{staff.territory.name}</strong> · {t.roles[staff.role]} · {keyLabel(staff.label, t)}
            </>
          ) : (
            <strong>{t.roles.operator}</strong>
          )}
        </p>
        {switchLang}
        <button type="button" class="secondary" onClick={signOut}>
          {t.signOut}
        </button>
      </Header>
      {allowed.length > 1 && (
        <nav aria-label={t.mainMenu} class="menu">
          <ul>
            {allowed.map((s) => (
              <li key={s}>
                <a href={`#/${s}`} aria-current={s === screen ? 'page' : undefined}>
                  {t.screens[s]}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <main id="main" tabIndex={-1}>
        {screen === 'territories' && <Territories api={api} />}
        {props && screen === 'surveys' && (route[1] ? <SurveyPage {...props} id={route[1]} /> : <Surveys {...props} />)}
        {props && screen === 'reports' && <Reports {...props} />}
        {props && screen === 'suggestions' && <Suggestions {...props} />}
        {props && screen === 'keys' && <Keys {...props} />}
        {props && screen === 'settings' && <Settings {...props} />}
      </main>
    </Words.Provider>
  );
}

function Header({ children }: { children: ComponentChildren }) {
  const { t } = useWords();
  // A button, not a #main link: the address's hash is the console's route.
  const skip = () => document.getElementById('main')?.focus();
  return (
    <header class="top">
      <button type="button" class="skip" onClick={skip}>
        {t.skip}
      </button>
      <p class="brand">
        Écoute <span>{t.console}</span>
      </p>
      <div class="tools">{children}</div>
    </header>
  );
}
