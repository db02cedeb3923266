/**
 * The first page's key findings, in plain words, derived from the report alone: what changed
 * against the baseline (only what survives Holm's correction), where to act (the diagnostic's
 * "concentrate here"), how the objectives stand, and what is too thin to say.
 */
import {
  type ComparisonEntry,
  HEADLINE_INDICES,
  type IndexResult,
  objectiveIndex,
  type ReportSection,
} from '../report-schema.ts';
import { COMPOSITE_INDICES } from '../scoring.ts';
import { isNet } from './format.ts';
import { audienceLabel, dimensionLabel, indexLabel, reasonOf } from './i18n.ts';
import { html, type Markup } from './markup.ts';
import { comparedSections } from './html-comparison.ts';
import { byPriority, driverLabel } from './html-diagnostic.ts';
import { leftOut, type SectionContext, sectionsOf } from './html-sections.ts';

interface Change {
  subject: string;
  net: boolean;
  current: IndexResult | undefined;
  baseline: IndexResult | undefined;
  entry: NonNullable<ComparisonEntry>;
  overall: boolean;
}

/** Every comparison that survives Holm's correction: overall first, then the strongest. */
function significantChanges(ctx: SectionContext): Change[] {
  const { t } = ctx;
  const out: Change[] = [];
  for (const { audience, current, baseline, comparison } of comparedSections(ctx)) {
    if (!comparison) continue;
    const add = (label: string, net: boolean, e: ComparisonEntry | undefined, c?: IndexResult, b?: IndexResult) => {
      if (e?.significant) {
        const subject = `${label} (${audienceLabel(t, audience)})`;
        out.push({ subject, net, current: c, baseline: b, entry: e, overall: audience === 'all' });
      }
    };
    for (const index of HEADLINE_INDICES)
      add(indexLabel(t, index), isNet(index), comparison[index], current.indices[index], baseline?.indices[index]);
    for (const [name, e] of Object.entries(comparison.relativeValue))
      add(t.against(name), true, e, current.relativeValue[name], baseline?.relativeValue[name]);
    for (const index of COMPOSITE_INDICES) {
      for (const [d, e] of Object.entries(comparison.dimensions?.[index] ?? {})) {
        const label = `${indexLabel(t, index)} ${t.quoted(dimensionLabel(t, d))}`;
        add(label, false, e, current.dimensions[index][d], baseline?.dimensions[index][d]);
      }
    }
  }
  return out.sort(
    (a, b) => Number(b.overall) - Number(a.overall) || Math.abs(b.entry.statistic) - Math.abs(a.entry.statistic),
  );
}

function changes(ctx: SectionContext): string {
  const { report, t, f } = ctx;
  if (!report.baseline || !report.comparison) return t.noBaselineFinding;
  const read = (c: Change, i: IndexResult | undefined) =>
    i?.value == null ? '—' : c.net ? f.signed(i.value) : f.num(i.value);
  const found = significantChanges(ctx);
  const versions = Object.keys(report.comparison.overall.withheld ?? {}).map((i) => indexLabel(t, i));
  const versionNote = versions.length ? ` ${t.versionsFinding(t.list(versions))}` : '';
  if (!found.length) return `${t.noChange(f.day(report.baseline.from), f.day(report.baseline.to))}${versionNote}`;
  const listed = found.slice(0, 3).map((c) => {
    const direction = c.entry.delta > 0 ? t.up : t.down;
    return t.changedItem(direction, c.subject, read(c, c.baseline), read(c, c.current), f.signed(c.entry.delta));
  });
  const more = found.length > 3 ? ` ${t.andOthers(found.length - 3)}` : '';
  return `${t.changesIntro(found.length)}${listed.join(t.separator)}${more}.${versionNote}`;
}

function actOn(ctx: SectionContext): string {
  const { report, t } = ctx;
  const items = report.overall.drivers?.items ?? [];
  if (items.filter((i) => i.quadrant !== null).length < 2) return t.noDiagnosisFinding;
  const first = byPriority(items).filter((i) => i.quadrant === 'concentrate');
  if (!first.length) return t.nothingToAct;
  const uncertain = first.every((i) => (i.importance.ciLow ?? 0) <= 0);
  return `${t.actOn(first.map((i) => driverLabel(ctx, i)))}${uncertain ? ` ${t.actOnUncertain}` : ''}`;
}

function objectives(ctx: SectionContext): Finding | null {
  const { report, t, f } = ctx;
  if (!report.objectives.length) return null;
  const label = (o: (typeof report.objectives)[number]) =>
    `${indexLabel(t, o.index)}${o.competitor ? ` (${o.competitor})` : ''} — ${audienceLabel(t, o.audience ?? 'all')}`;
  const met = report.objectives.filter((o) => o.ciAboveTarget);
  const hidden = report.objectives.filter(
    (o) => !o.ciAboveTarget && (objectiveIndex(o, report.overall, report.byAudience)?.value ?? null) === null,
  );
  const open = report.objectives.filter((o) => !met.includes(o) && !hidden.includes(o));
  const parts = [
    met.length ? t.objectiveMetList(met.map(label)) : '',
    open.length
      ? t.objectiveOpenList(
          open.map((o) => t.valueForTarget(label(o), f.score(o.index, o.value), f.score(o.index, o.target))),
        )
      : '',
    hidden.length ? t.objectiveHiddenList(hidden.map(label)) : '',
  ].filter(Boolean);
  return { lead: t.objectivesMet(met.length, report.objectives.length), joiner: '. ', text: `${parts.join('. ')}.` };
}

/** Every published-or-withheld figure of a section that someone answered. */
function figuresOf(s: ReportSection): { suppressed: boolean; n: number }[] {
  return [
    ...Object.values(s.indices),
    ...Object.values(s.dimensions).flatMap((d) => Object.values(d)),
    ...Object.values(s.relativeValue),
    ...Object.values(s.topTwoBox),
    ...Object.values(s.choices ?? {}).flatMap((c) => Object.values(c.options)),
    ...(s.drivers?.items ?? []).map((i) => i.importance),
  ].filter((i) => i.n > 0);
}

function limits(ctx: SectionContext): string {
  const { report, t } = ctx;
  const thin = sectionsOf(report).filter(([, s]) =>
    HEADLINE_INDICES.every((k) => s.indices[k].suppressed && s.indices[k].n > 0),
  );
  const groups = thin.map(([a, s]) => {
    const reasons = HEADLINE_INDICES.map((k) => reasonOf(s.indices[k]));
    const reason = reasons.includes('edges') ? 'edges' : (reasons[0] ?? 'thin');
    return `${audienceLabel(t, a)} (${t.reasons[reason]})`;
  });
  const thinKeys = new Set(thin.map(([a]) => a));
  const others = sectionsOf(report)
    .filter(([a]) => !thinKeys.has(a))
    .flatMap(([, s]) => figuresOf(s))
    .filter((i) => i.suppressed).length;
  if (!groups.length && !others) return t.nothingThin;
  const overall = HEADLINE_INDICES.some((k) => leftOut(ctx, (s) => s.indices[k]).length > 0);
  return `${groups.length ? `${t.tooThin(t.list(groups))} ` : ''}${
    groups.length && overall ? `${t.leftOutOfOverall} ` : ''
  }${others ? t.otherWithheld(others, groups.length > 0) : ''}`;
}

/** One finding: its lead in bold, then what it says, in plain text (the HTML page and the console each lay it out). */
export interface Finding {
  lead: string;
  joiner: string;
  text: string;
}

/** Three to five findings, in the order an elected official reads them. */
export function findingsOf(ctx: SectionContext): Finding[] {
  const { t } = ctx;
  const lead = (words: string, text: string): Finding => ({ lead: words, joiner: t.colon, text });
  return [
    lead(t.findingLeads.changes, changes(ctx)),
    lead(t.findingLeads.act, actOn(ctx)),
    objectives(ctx),
    lead(t.findingLeads.limits, limits(ctx)),
  ].filter((f): f is Finding => f !== null);
}

export function keyFindings(ctx: SectionContext): Markup {
  return html`<ul class="findings">${findingsOf(ctx).map(
    (f) => html`<li><b>${f.lead}</b>${f.joiner}${f.text}</li>
`,
  )}</ul>`;
}
