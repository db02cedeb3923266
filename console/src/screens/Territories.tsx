/** The operator's screen: every territory, and a new one with its first admin key shown once. */
import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api.ts';
import { explain } from '../errors.ts';
import { setDirty } from '../guard.ts';
import { Notice, ShownOnce, useWords, when } from '../ui.tsx';
import {
  emptyTerritory,
  territoryBody,
  territoryErrors,
  TerritoryFields,
  type TerritoryValues,
} from './TerritoryForm.tsx';

interface TerritorySummary {
  id: string;
  name: string;
  timeZone: string;
  allowedOrigins: string[];
  createdAt: string;
}

export function Territories({ api }: { api: Api }) {
  const { t, lang } = useWords();
  const [items, setItems] = useState<TerritorySummary[]>();
  const [values, setValues] = useState<TerritoryValues>(emptyTerritory());
  const [tried, setTried] = useState(false);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [created, setCreated] = useState<{ id: string; adminKey: string }>();
  const [busy, setBusy] = useState(false);

  const load = () =>
    api.get<{ items: TerritorySummary[] }>('/v1/territories').then(
      (r) => setItems(r.items),
      (e: unknown) => setError(explain(e, lang).message),
    );
  useEffect(() => {
    document.title = `${t.screens.territories} — Écoute`;
    void load();
  }, []);

  const errors = tried ? { ...territoryErrors(values, lang), ...serverErrors } : serverErrors;
  const edit = (v: TerritoryValues) => {
    setValues(v);
    setServerErrors({});
    setDirty(true);
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setTried(true);
    setCreated(undefined);
    if (Object.keys(territoryErrors(values, lang)).length) return setError(t.fixFields);
    setBusy(true);
    setError('');
    try {
      const res = await api.send<{ id: string; adminKey: string }>('POST', '/v1/territories', territoryBody(values));
      setCreated(res);
      setDirty(false);
      setValues(emptyTerritory());
      setTried(false);
      await load();
    } catch (failure) {
      const x = explain(failure, lang, { conflict: t.territoryTaken });
      setError(x.message);
      setServerErrors(x.fields);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <h1>{t.screens.territories}</h1>
      <h2>{t.territoriesList}</h2>
      {items === undefined ? (
        <p role="status">{t.loading}</p>
      ) : items.length === 0 ? (
        <p>{t.noTerritory}</p>
      ) : (
        <div class="scroll">
          <table class="list">
            <thead>
              <tr>
                <th scope="col">{t.territoryName}</th>
                <th scope="col">{t.territoryId}</th>
                <th scope="col">{t.timeZone}</th>
                <th scope="col">{t.origins}</th>
                <th scope="col">{t.created}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((x) => (
                <tr key={x.id}>
                  <td>{x.name}</td>
                  <td>
                    <code>{x.id}</code>
                  </td>
                  <td>{x.timeZone}</td>
                  <td>{x.allowedOrigins.join(', ') || '—'}</td>
                  <td>{when(x.createdAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t.newTerritory}</h2>
      {created && (
        <Notice kind="ok">
          <p>{t.territoryCreated(created.id)}</p>
          <ShownOnce id="admin-key" label={t.adminKeyOf(created.id)} secret={created.adminKey} />
        </Notice>
      )}
      <form onSubmit={submit} noValidate>
        {error && <Notice kind="error">{error}</Notice>}
        <TerritoryFields values={values} set={edit} errors={errors} creating />
        <button type="submit" disabled={busy}>
          {t.createTerritory}
        </button>
      </form>
    </section>
  );
}
