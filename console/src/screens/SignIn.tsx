/** Sign in with a key alone: the API says whose it is and what it may do. */
import { useState } from 'preact/hooks';
import { apiClient, type ConsoleConfig, type Me } from '../api.ts';
import { explain } from '../errors.ts';
import { Input, Notice, useWords } from '../ui.tsx';

export function SignIn({ config, onSignedIn }: { config: ConsoleConfig; onSignedIn: (key: string, me: Me) => void }) {
  const { t, lang } = useWords();
  const [key, setKey] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    const typed = key.trim();
    if (!typed) return setError(t.keyRequired);
    setBusy(true);
    setError('');
    try {
      const me = await apiClient(config.api, typed).get<Me>('/v1/me');
      setKey('');
      onSignedIn(typed, me);
    } catch (failure) {
      setError(explain(failure, lang).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="narrow">
      <h1>{t.signInTitle}</h1>
      <p>{t.signInIntro}</p>
      <form onSubmit={submit} autocomplete="off" noValidate>
        {error && <Notice kind="error">{error}</Notice>}
        <Input
          id="key"
          type="password"
          label={t.keyLabel}
          hint={t.keyHint}
          value={key}
          onValue={setKey}
          error={error ? t.keyCheck : undefined}
          autocomplete="off"
          spellcheck={false}
        />
        <button type="submit" disabled={busy}>
          {busy ? t.signingIn : t.signIn}
        </button>
      </form>
    </section>
  );
}
