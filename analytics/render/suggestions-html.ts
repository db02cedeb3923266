/**
 * The suggestion box indicators as one self-contained page (no script, no external resource),
 * for the nightly report. Every category, district and word goes through `html`, which escapes it.
 */
import { UNSPECIFIED_DISTRICT, type SuggestionIndicators, type WordCount } from '../suggestions.ts';
import { html, type Markup } from './markup.ts';

export interface SuggestionPageOptions {
  territoryName: string;
  from: string;
  to: string;
  /** Category id → its label in French. */
  categoryLabels: Record<string, string>;
}

const STATUS_LABELS: Record<string, string> = {
  received: 'Reçu',
  in_review: 'En cours d’examen',
  answered: 'Répondu',
  planned: 'Programmé',
  declined: 'Refusé',
  duplicate: 'Doublon',
  done: 'Clos',
};

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;color:#1a1a1a;max-width:960px;margin:0 auto;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:17px;color:#1d3557;border-bottom:1px solid #c9d3e0;margin:24px 0 8px}
table{border-collapse:collapse}th,td{padding:4px 10px;border-bottom:1px solid #e2e6ea;text-align:left}td.n{text-align:right;font-variant-numeric:tabular-nums}
.kpi{display:flex;gap:24px;flex-wrap:wrap}.kpi div{border:1px solid #c9d3e0;padding:8px 12px}.kpi strong{display:block;font-size:22px}`;

const days = (d: number | null) => (d === null ? '—' : `${d.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} j`);
const percent = (s: number | null) =>
  s === null ? '—' : `${(s * 100).toLocaleString('fr-FR', { maximumFractionDigits: 1 })} %`;

function counts(title: string, values: Record<string, number>, label: (k: string) => string): Markup {
  const rows = Object.entries(values).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'fr'));
  return html`<h2>${title}</h2><table><tbody>${rows.map(([k, n]) => html`<tr><th scope="row">${label(k)}</th><td class="n">${n}</td></tr>`)}</tbody></table>`;
}

function words(byCategory: Record<string, WordCount[]>, label: (k: string) => string): Markup {
  const rows = Object.entries(byCategory).filter(([, list]) => list.length > 0);
  return html`<h2>Mots les plus fréquents par thème</h2><table><tbody>${rows.map(
    ([k, list]) =>
      html`<tr><th scope="row">${label(k)}</th><td>${list.map((w) => `${w.word} (${w.count})`).join(', ')}</td></tr>`,
  )}</tbody></table>`;
}

export function suggestionIndicatorsPage(r: SuggestionIndicators, o: SuggestionPageOptions): string {
  const category = (k: string) => o.categoryLabels[k] ?? k;
  const district = (k: string) => (k === UNSPECIFIED_DISTRICT ? 'Non précisé' : k);
  return html`<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Boîte à idées — ${o.territoryName} — ${o.from} au ${o.to}</title><style>${STYLE}</style></head><body>
<h1>Boîte à idées : ${o.territoryName}</h1><p>Messages reçus du ${o.from} au ${o.to}.</p>
<div class="kpi"><div><strong>${r.n}</strong>messages</div>
<div><strong>${days(r.firstAnswer.medianDays)}</strong>délai médian de première réponse</div>
<div><strong>${days(r.firstAnswer.p90Days)}</strong>90 % ont eu une réponse en moins de</div>
<div><strong>${percent(r.withinPromise.share)}</strong>répondus en ${r.withinPromise.promisedDays} jours au plus
(${r.withinPromise.inTime} sur ${r.withinPromise.due} échus)</div></div>
${counts('Par thème', r.byCategory, category)}${counts('Par quartier', r.byDistrict, district)}
${counts('Par statut', r.byStatus, (k) => STATUS_LABELS[k] ?? k)}
${words(r.topWords, category)}
<p>${r.hidden} message(s) masqué(s) pour contenu abusif ne sont pas comptés.</p></body></html>`.text;
}
