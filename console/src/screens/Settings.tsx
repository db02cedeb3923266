/** An admin edits the territory's settings (PATCH): a failed save changes nothing and says why. */
import { useEffect, useState } from 'preact/hooks';
import { enc } from '../api.ts';
import { explain } from '../errors.ts';
import { setDirty } from '../guard.ts';
import type { ScreenProps } from '../app.tsx';
import { Notice, useWords } from '../ui.tsx';
import { territoryBody, territoryErrors, TerritoryFields, valuesOf, type TerritoryValues } from './TerritoryForm.tsx';

export function Settings({ api, me }: ScreenProps) {
  const { t, lang } = useWords();
  const [values, setValues] = useState<TerritoryValues>();
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [busy, setBusy] = useState(false);
  const path = `/v1/territories/${enc(me.territory.id)}`;

  useEffect(() => {
    document.title = `${t.screens.settings} — Écoute`;
    api.get<Parameters<typeof valuesOf>[0]>(path).then(
      (x) => setValues(valuesOf(x)),
      (e: unknown) => setNotice({ kind: 'error', text: explain(e, lang).message }),
    );
  }, []);

  if (!values)
    return (
      <section>
        <h1>{t.screens.settings}</h1>
        {notice ? <Notice kind="error">{notice.text}</Notice> : <p role="status">{t.loading}</p>}
      </section>
    );

  const errors = { ...territoryErrors(values, lang), ...serverErrors };
  const submit = async (e: Event) => {
    e.preventDefault();
    if (Object.keys(territoryErrors(values, lang)).length) return setNotice({ kind: 'error', text: t.fixFields });
    setBusy(true);
    try {
      const { id: _id, ...body } = territoryBody(values);
      const saved = await api.send<Parameters<typeof valuesOf>[0]>('PATCH', path, body);
      if (saved) setValues(valuesOf(saved));
      setDirty(false);
      setNotice({ kind: 'ok', text: t.saved });
    } catch (failure) {
      const x = explain(failure, lang, { conflict: t.changedMeanwhile });
      setServerErrors(x.fields);
      setNotice({ kind: 'error', text: x.message });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <h1>{t.screens.settings}</h1>
      <p>{t.settingsIntro}</p>
      <form onSubmit={submit} noValidate>
        {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
        <TerritoryFields
          values={values}
          set={(v) => {
            setValues(v);
            setServerErrors({});
            setNotice(undefined);
            setDirty(true);
          }}
          errors={errors}
          creating={false}
        />
        <button type="submit" disabled={busy}>
          {t.saveSettings}
        </button>
      </form>
    </section>
  );
}
