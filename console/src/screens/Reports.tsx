/**
 * Reports: a survey, a period (with presets), a baseline (the same period a year before by
 * default), the report on screen and its CSV and HTML files. A failed request clears the report
 * shown, so what is on screen always matches the form. Admins also set population targets and
 * objectives here.
 */
import { useEffect, useState } from 'preact/hooks';
import { dayIn } from '#analytics/calendar.ts';
import type { SurveyDefinition } from '#analytics/questionnaire.ts';
import type { ShownReport } from './ReportView.tsx';
import { itemLabels, optionLabels } from '#analytics/render/labels.ts';
import { enc } from '../api.ts';
import { explain } from '../errors.ts';
import type { ScreenProps } from '../app.tsx';
import {
  BASELINE_PRESETS,
  PERIOD_PRESETS,
  baselineOf,
  presetPeriod,
  seasonOf,
  type BaselinePreset,
  type Period,
  type PeriodPreset,
} from '../periods.ts';
import { lazy } from '../lazy.tsx';
import { Input, Notice, Select, useWords } from '../ui.tsx';
import { titleOf, type SurveySummary } from './survey-summary.ts';

const ReportSettings = lazy(() => import('./ReportSettings.tsx').then((m) => m.ReportSettings));
// The report's renderers (the HTML page's words, charts and findings) come with the first report shown.
const ReportView = lazy(() => import('./ReportView.tsx').then((m) => m.ReportView));

export function Reports({ api, me }: ScreenProps) {
  const { t, lang } = useWords();
  const today = dayIn(new Date(), me.territory.timeZone);
  const [surveys, setSurveys] = useState<SurveySummary[]>();
  const [surveyId, setSurveyId] = useState('');
  const [preset, setPreset] = useState<PeriodPreset>('lastMonth');
  const [period, setPeriod] = useState<Period>(presetPeriod('lastMonth', today));
  const [basePreset, setBasePreset] = useState<BaselinePreset>('lastYear');
  const [baseline, setBaseline] = useState<Period>(baselineOf('lastYear', presetPeriod('lastMonth', today)));
  const [sep, setSep] = useState(';');
  // The report with its survey's definition, for the questions' and options' labels.
  const [report, setReport] = useState<{ report: ShownReport; definition: SurveyDefinition }>();
  const [state, setState] = useState<{ kind: 'error' | 'info'; text: string; fields?: Record<string, string> }>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = `${t.screens.reports} — Écoute`;
    api.get<{ items: SurveySummary[] }>(`/v1/territories/${enc(me.territory.id)}/surveys`).then(
      (r) => {
        setSurveys(r.items);
        setSurveyId(r.items.find((s) => s.status === 'live')?.id ?? r.items[0]?.id ?? '');
      },
      (e: unknown) => setState({ kind: 'error', text: explain(e, lang).message }),
    );
  }, []);

  const choosePreset = (p: PeriodPreset) => {
    setPreset(p);
    if (p === 'custom') return;
    const next = presetPeriod(p, today);
    setPeriod(next);
    if (basePreset !== 'none' && basePreset !== 'custom') setBaseline(baselineOf(basePreset, next));
  };
  const chooseBaseline = (b: BaselinePreset) => {
    setBasePreset(b);
    if (b === 'lastYear' || b === 'previous') setBaseline(baselineOf(b, period));
  };
  const query = (extra: Record<string, string> = {}) => {
    const q = new URLSearchParams({ from: period.from, to: period.to, ...extra });
    if (basePreset !== 'none') {
      q.set('baselineFrom', baseline.from);
      q.set('baselineTo', baseline.to);
    }
    return q.toString();
  };
  const path = (file: string, extra?: Record<string, string>) => `/v1/surveys/${enc(surveyId)}/${file}?${query(extra)}`;

  const show = async (e: Event) => {
    e.preventDefault();
    setReport(undefined);
    setState({ kind: 'info', text: t.computing });
    setBusy(true);
    try {
      const [shown, { definition }] = await Promise.all([
        api.get<ShownReport>(path('report')),
        api.get<{ definition: SurveyDefinition }>(`/v1/surveys/${enc(surveyId)}/definition`),
      ]);
      setReport({ report: shown, definition });
      setState(undefined);
    } catch (failure) {
      const x = explain(failure, lang);
      setState({ kind: 'error', text: x.message, fields: x.fields });
    } finally {
      setBusy(false);
    }
  };
  const download = async (file: 'report.csv' | 'report.html') => {
    try {
      await api.download(
        path(file, file === 'report.csv' ? { sep } : { lang }),
        `${surveyId}-${period.from}-${period.to}.${file.slice(7)}`,
      );
    } catch (failure) {
      const x = explain(failure, lang);
      setReport(undefined);
      setState({ kind: 'error', text: x.message, fields: x.fields });
    }
  };

  const fields = state?.fields ?? {};
  const presetLabel = (p: PeriodPreset) =>
    p === 'thisSeason' || p === 'lastSeason'
      ? t.presets[p](t.seasons[seasonOf(p === 'thisSeason' ? today : presetPeriod('lastSeason', today).from)])
      : t.presets[p];
  // A report on screen always matches the form: any change of the form takes it away.
  const dirty = () => {
    setReport(undefined);
    setState(undefined);
  };
  const pickPreset = (p: PeriodPreset) => {
    choosePreset(p);
    dirty();
  };
  const setDates = (p: Period) => {
    setPeriod(p);
    setPreset('custom');
    dirty();
  };
  const pickBaseline = (b: BaselinePreset) => {
    chooseBaseline(b);
    dirty();
  };
  const setBaseDates = (p: Period) => {
    setBaseline(p);
    setBasePreset('custom');
    dirty();
  };

  return (
    <section>
      <h1>{t.screens.reports}</h1>
      {surveys === undefined && !state ? (
        <p role="status">{t.loading}</p>
      ) : !surveys?.length ? (
        state ? (
          <Notice kind="error">{state.text}</Notice>
        ) : (
          <p>{t.noSurvey}</p>
        )
      ) : (
        <>
          <form onSubmit={show} noValidate class="panel">
            <Select
              id="r-survey"
              label={t.survey}
              value={surveyId}
              onValue={(v) => {
                setSurveyId(v);
                dirty();
              }}
              options={surveys.map((s) => [s.id, `${titleOf(s, lang)} (${t.statuses[s.status]})`])}
            />
            <div class="row">
              <Select
                id="r-preset"
                label={t.periodPreset}
                value={preset}
                onValue={(v) => pickPreset(v as PeriodPreset)}
                options={PERIOD_PRESETS.map((p) => [p, presetLabel(p)])}
              />
              <Input
                id="r-from"
                type="date"
                label={t.from}
                value={period.from}
                error={fields.from}
                onValue={(v) => setDates({ ...period, from: v })}
              />
              <Input
                id="r-to"
                type="date"
                label={t.to}
                value={period.to}
                error={fields.to}
                onValue={(v) => setDates({ ...period, to: v })}
              />
            </div>
            <div class="row">
              <Select
                id="r-baseline"
                label={t.baselinePreset}
                hint={t.baselineHint}
                value={basePreset}
                onValue={(v) => pickBaseline(v as BaselinePreset)}
                options={BASELINE_PRESETS.map((b) => [b, t.baselines[b]])}
              />
              {basePreset !== 'none' && (
                <>
                  <Input
                    id="r-bfrom"
                    type="date"
                    label={t.baselineFrom}
                    value={baseline.from}
                    error={fields.baselineFrom}
                    onValue={(v) => setBaseDates({ ...baseline, from: v })}
                  />
                  <Input
                    id="r-bto"
                    type="date"
                    label={t.baselineTo}
                    value={baseline.to}
                    error={fields.baselineTo}
                    onValue={(v) => setBaseDates({ ...baseline, to: v })}
                  />
                </>
              )}
            </div>
            <button type="submit" disabled={busy || !surveyId}>
              {t.showReport}
            </button>
          </form>
          <div class="row downloads">
            <Select
              id="r-sep"
              label={t.csvSeparator}
              value={sep}
              onValue={setSep}
              options={[
                [';', t.sepSemicolon],
                [',', t.sepComma],
              ]}
            />
            <button type="button" class="secondary" onClick={() => void download('report.csv')}>
              {t.downloadCsv}
            </button>
            <button type="button" class="secondary" onClick={() => void download('report.html')}>
              {t.downloadHtml}
            </button>
          </div>
          <div aria-live="polite">
            {state && <Notice kind={state.kind}>{state.text}</Notice>}
            {report && (
              <ReportView
                report={report.report}
                labels={{
                  itemLabels: itemLabels(report.definition, lang),
                  optionLabels: optionLabels(report.definition, lang),
                }}
              />
            )}
          </div>
          {me.role === 'admin' && surveyId && (
            <details class="panel">
              <summary>{t.reportSettings}</summary>
              <ReportSettings key={surveyId} api={api} surveyId={surveyId} />
            </details>
          )}
        </>
      )}
    </section>
  );
}
