/**
 * Population targets (to weight the answers to the real shares of each public, origin, age…)
 * and objectives (visitors' NPS ≥ 40 by the end of 2027), edited with forms instead of JSON.
 */
import { useEffect, useState } from 'preact/hooks';
import { CHANNELS, type SurveyDefinition } from '#analytics/questionnaire.ts';
import type { Objective, WeightingTargets } from '#analytics/report-schema.ts';
import { weightingMargins } from '#analytics/weights.ts';
import { enc, type Api } from '../api.ts';
import { explain } from '../errors.ts';
import { setDirty } from '../guard.ts';
import { Check, Input, Notice, Select, useWords } from '../ui.tsx';

type Row = { index: string; audience: string; competitor: string; target: string; by: string };

export function ReportSettings({ api, surveyId }: { api: Api; surveyId: string }) {
  const { t, lang } = useWords();
  const [def, setDef] = useState<SurveyDefinition>();
  const [targets, setTargets] = useState<Record<string, Record<string, string>>>({});
  const [rows, setRows] = useState<Row[]>([]);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [fields, setFields] = useState<Record<string, string>>({});
  const base = `/v1/surveys/${enc(surveyId)}`;

  useEffect(() => {
    Promise.all([
      api.get<{ definition: SurveyDefinition }>(`${base}/definition`),
      api.get<{ weighting?: WeightingTargets; objectives?: Objective[] }>(`${base}/report-settings`),
    ]).then(
      ([d, s]) => {
        setDef(d.definition);
        setTargets(
          Object.fromEntries(
            Object.entries(s.weighting ?? {}).map(([m, cats]) => [
              m,
              Object.fromEntries(Object.entries(cats).map(([c, v]) => [c, String(v)])),
            ]),
          ),
        );
        setRows(
          (s.objectives ?? []).map((o) => ({
            index: o.index,
            audience: o.audience ?? '',
            competitor: o.competitor ?? '',
            target: String(o.target),
            by: o.by ?? '',
          })),
        );
      },
      (e: unknown) => setNotice({ kind: 'error', text: explain(e, lang).message }),
    );
  }, []);

  if (!def) return notice ? <Notice kind="error">{notice.text}</Notice> : null;
  const changed = () => {
    setDirty(true);
    setNotice(undefined);
    setFields({});
  };
  const categories = (margin: string): [string, string][] => {
    if (margin === 'audience') return def.audiences.map((a) => [a, t.audiences[a]]);
    if (margin === 'locale') return (['fr', 'en'] as const).map((l) => [l, t.languageNames[l]]);
    if (margin === 'channel') return CHANNELS.map((c) => [c, t.channels[c]]);
    const q = def.questions.find((x) => x.id === margin);
    return q?.type === 'choice' ? q.options.map((o) => [o.id, o.label[lang] ?? o.label.fr ?? o.id]) : [];
  };
  const marginName = (m: string) => {
    if (m === 'audience' || m === 'locale' || m === 'channel') return t.margins[m];
    const q = def.questions.find((x) => x.id === m);
    return q ? (q.label[lang] ?? q.label.fr ?? m) : m;
  };
  const competitors = def.questions.flatMap((q) =>
    q.type === 'comparison' ? [q.measures?.dimension ?? q.competitor] : [],
  );

  const save = async (e: Event) => {
    e.preventDefault();
    const weighting: WeightingTargets = {};
    for (const [m, cats] of Object.entries(targets)) {
      const set = Object.entries(cats).filter(([, v]) => v.trim() !== '');
      if (set.length) weighting[m] = Object.fromEntries(set.map(([c, v]) => [c, Number(v.replace(',', '.'))]));
    }
    const objectives = rows.map((r) => ({
      index: r.index,
      ...(r.audience ? { audience: r.audience } : {}),
      ...(r.index === 'relativeValue' && r.competitor ? { competitor: r.competitor } : {}),
      target: Number(r.target.replace(',', '.')),
      ...(r.by ? { by: r.by } : {}),
    }));
    try {
      await api.send('PUT', `${base}/report-settings`, { weighting, objectives });
      setDirty(false);
      setNotice({ kind: 'ok', text: t.settingsSaved });
    } catch (failure) {
      const x = explain(failure, lang);
      setFields(x.fields);
      setNotice({ kind: 'error', text: x.message });
    }
  };
  const setRow = (i: number, k: keyof Row, v: string) => {
    setRows(rows.map((r, j) => (j === i ? { ...r, [k]: v } : r)));
    changed();
  };

  return (
    <form onSubmit={save} noValidate>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <h3>{t.weightingTitle}</h3>
      <p class="hint">{t.weightingHint}</p>
      {weightingMargins(def).map((m) => {
        const on = m in targets;
        return (
          <fieldset key={m}>
            <legend>{marginName(m)}</legend>
            <Check
              id={`w-${m}`}
              label={t.weightOn(marginName(m))}
              checked={on}
              onCheck={(v) => {
                const next = { ...targets };
                if (v) next[m] = {};
                else delete next[m];
                setTargets(next);
                changed();
              }}
            />
            {on && (
              <div class="row">
                {categories(m).map(([c, label]) => (
                  <Input
                    key={c}
                    id={`w-${m}-${c}`}
                    type="number"
                    min={0}
                    step="any"
                    label={t.shareOf(label)}
                    value={targets[m]?.[c] ?? ''}
                    onValue={(v) => {
                      setTargets({ ...targets, [m]: { ...targets[m], [c]: v } });
                      changed();
                    }}
                    error={fields[`weighting.${m}.${c}`]}
                  />
                ))}
              </div>
            )}
            {fields[`weighting.${m}`] && <p class="err">{fields[`weighting.${m}`]}</p>}
          </fieldset>
        );
      })}
      <h3>{t.objectivesTitle}</h3>
      <p class="hint">{t.objectivesHint}</p>
      {rows.map((r, i) => (
        <fieldset key={i}>
          <legend>{t.objectiveN(i + 1)}</legend>
          <div class="row">
            <Select
              id={`o${i}-index`}
              label={t.objIndex}
              value={r.index}
              onValue={(v) => setRow(i, 'index', v)}
              options={(['nps', 'satisfaction', 'image', 'value', 'relativeValue'] as const).map((x) => [
                x,
                t.indexNames[x],
              ])}
              error={fields[`objectives.${i}.index`]}
            />
            <Select
              id={`o${i}-audience`}
              label={t.objPublic}
              value={r.audience}
              onValue={(v) => setRow(i, 'audience', v)}
              options={[['', t.allPublics], ...def.audiences.map((a): [string, string] => [a, t.audiences[a]])]}
              error={fields[`objectives.${i}.audience`]}
            />
            {r.index === 'relativeValue' && (
              <Select
                id={`o${i}-competitor`}
                label={t.competitor}
                value={r.competitor}
                onValue={(v) => setRow(i, 'competitor', v)}
                options={[['', '—'], ...competitors.map((c): [string, string] => [c, c])]}
                error={fields[`objectives.${i}.competitor`]}
              />
            )}
            <Input
              id={`o${i}-target`}
              type="number"
              step="any"
              label={t.objTarget}
              value={r.target}
              onValue={(v) => setRow(i, 'target', v)}
              error={fields[`objectives.${i}.target`]}
            />
            <Input
              id={`o${i}-by`}
              type="date"
              label={t.objBy}
              value={r.by}
              onValue={(v) => setRow(i, 'by', v)}
              error={fields[`objectives.${i}.by`]}
            />
          </div>
          <button
            type="button"
            class="link"
            onClick={() => {
              setRows(rows.filter((_, j) => j !== i));
              changed();
            }}
          >
            {t.removeObjective(i + 1)}
          </button>
        </fieldset>
      ))}
      <p>
        <button
          type="button"
          class="secondary"
          onClick={() => {
            setRows([...rows, { index: 'nps', audience: '', competitor: '', target: '', by: '' }]);
            changed();
          }}
        >
          {t.addObjective}
        </button>
      </p>
      <button type="submit">{t.saveSettings}</button>
    </form>
  );
}
