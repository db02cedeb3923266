/** Staff keys: who holds which role, when each was last used, a new one shown once, revocation confirmed. */
import { useEffect, useState } from 'preact/hooks';
import { enc } from '../api.ts';
import { explain } from '../errors.ts';
import type { ScreenProps } from '../app.tsx';
import { Input, keyLabel, Notice, Select, ShownOnce, useWords, when } from '../ui.tsx';

interface KeyItem {
  id: string;
  role: 'admin' | 'evaluator' | 'moderator';
  label: string;
  createdAt: string;
  lastUsedAt?: string;
}

export function Keys({ api, me }: ScreenProps) {
  const { t, lang } = useWords();
  const base = `/v1/territories/${enc(me.territory.id)}/keys`;
  const [items, setItems] = useState<KeyItem[]>();
  const [label, setLabel] = useState('');
  const [role, setRole] = useState<KeyItem['role']>('evaluator');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [created, setCreated] = useState<{ key: string; label: string }>();
  const [confirming, setConfirming] = useState<string>();

  const load = () =>
    api.get<{ items: KeyItem[] }>(base).then(
      (r) => setItems(r.items.sort((a, b) => a.createdAt.localeCompare(b.createdAt))),
      (e: unknown) => setNotice({ kind: 'error', text: explain(e, lang).message }),
    );
  useEffect(() => {
    document.title = `${t.screens.keys} — Écoute`;
    void load();
  }, []);

  const create = async (e: Event) => {
    e.preventDefault();
    setCreated(undefined);
    if (!label.trim()) return setFields({ label: t.required });
    try {
      const res = await api.send<{ key: string; label: string }>('POST', base, { role, label: label.trim() });
      if (res) setCreated(res);
      setLabel('');
      setFields({});
      setNotice(undefined);
      await load();
    } catch (failure) {
      const x = explain(failure, lang);
      setFields(x.fields);
      setNotice({ kind: 'error', text: x.message });
    }
  };

  const revoke = async (k: KeyItem) => {
    try {
      await api.send('DELETE', `${base}/${enc(k.id)}`);
      setConfirming(undefined);
      setNotice({ kind: 'ok', text: t.keyRevoked(k.label) });
      await load();
    } catch (failure) {
      setNotice({ kind: 'error', text: explain(failure, lang).message });
    }
  };

  return (
    <section>
      <h1>{t.screens.keys}</h1>
      <p>{t.keysIntro}</p>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      {items === undefined ? (
        <p role="status">{t.loading}</p>
      ) : (
        <ul class="cards">
          {items.map((k) => (
            <li key={k.id} class="card">
              <h2 class="h3">{keyLabel(k.label, t)}</h2>
              <dl class="facts">
                <dt>{t.role}</dt>
                <dd>{t.roles[k.role]}</dd>
                <dt>{t.created}</dt>
                <dd>{when(k.createdAt, lang)}</dd>
                <dt>{t.lastUsed}</dt>
                <dd>{k.lastUsedAt ? t.withinHour(when(k.lastUsedAt, lang)) : t.neverUsed}</dd>
              </dl>
              {k.id === me.keyId && <p class="hint">{t.yourKey}</p>}
              {confirming === k.id ? (
                <fieldset class="confirm">
                  <legend class="sr">{t.revokeConfirmTitle(k.label)}</legend>
                  <p>{k.id === me.keyId ? t.revokeOwn : t.revokeConfirm(k.label)}</p>
                  <button type="button" class="danger" onClick={() => void revoke(k)}>
                    {t.revokeYes}
                  </button>
                  <button type="button" class="secondary" onClick={() => setConfirming(undefined)}>
                    {t.cancel}
                  </button>
                </fieldset>
              ) : (
                <button type="button" class="secondary" onClick={() => setConfirming(k.id)}>
                  {t.revoke}
                  <span class="sr"> {keyLabel(k.label, t)}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>{t.newKey}</h2>
      {created && (
        <Notice kind="ok">
          <ShownOnce id="new-key" label={t.keyFor(created.label)} secret={created.key} />
        </Notice>
      )}
      <form onSubmit={create} noValidate>
        <Input
          id="k-label"
          label={t.keyLabelField}
          hint={t.keyLabelHint}
          value={label}
          onValue={setLabel}
          error={fields.label}
        />
        <Select
          id="k-role"
          label={t.role}
          value={role}
          onValue={(v) => setRole(v as KeyItem['role'])}
          options={(['evaluator', 'moderator', 'admin'] as const).map((r) => [r, `${t.roles[r]} — ${t.roleHelp[r]}`])}
          error={fields.role}
        />
        <button type="submit">{t.createKey}</button>
      </form>
    </section>
  );
}
