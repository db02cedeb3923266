/**
 * The evaluator dashboard of the local server: pick a survey and a period, see the report page,
 * download it as CSV or HTML. One static page whose script (allowed by hash) talks to the API on
 * the same origin with the key as a Bearer header; the report shows in a frame sandboxed
 * without scripts, so even a report that carried one could not run it.
 */
import { readFileSync } from 'node:fs';
import { cspHash, staffPageApp } from './staff-page.ts';

const script = readFileSync(new URL('./dashboard.client.js', import.meta.url), 'utf8');
const style = `body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:80rem;padding:1rem;color:#1a1a1a}
h1{margin:.2rem 0 .6rem;color:#1d3557}form{margin:.4rem 0;display:flex;flex-wrap:wrap;gap:.4rem .8rem;align-items:end}
label{display:flex;flex-direction:column;font-size:.85rem;color:#333}input,select,button{font:inherit;padding:.25rem .4rem}
button{background:#1d3557;color:#fff;border:0;border-radius:4px;padding:.35rem .8rem;cursor:pointer}button.secondary{background:#e8edf3;color:#1d3557}
fieldset{border:1px solid #c9d3e0;border-radius:6px;display:flex;flex-wrap:wrap;gap:.4rem .8rem;align-items:end}
#message{min-height:1.5rem;margin:.3rem 0}.bad{color:#a00000}
#report{width:100%;min-height:40rem;border:1px solid #c9d3e0;border-radius:6px;margin-top:.6rem;background:#fff}`;

// style-src stays 'unsafe-inline': the report shown in the srcdoc frame inherits this policy and has its own <style>.
export const DASHBOARD_CSP = `default-src 'none'; script-src ${cspHash(script)}; style-src 'unsafe-inline'; connect-src 'self'; frame-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'`;

const PAGE = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Écoute — tableau de bord des évaluateurs</title><style>${style}</style></head><body>
<h1>Tableau de bord des évaluateurs</h1>
<form id="login" autocomplete="off"><label>Territoire<input id="territory" required></label>
<label>Clé (administrateur ou évaluateur)<input id="key" type="password" required></label><button>Ouvrir</button>
<button id="forget" type="button" class="secondary">Oublier la clé</button></form>
<p id="message" role="status" aria-live="polite"></p>
<div id="work" hidden>
<form id="period"><label>Questionnaire<select id="survey"></select></label>
<label>Du<input id="from" type="date" required></label><label>au<input id="to" type="date" required></label>
<fieldset><legend>Référence (facultatif, période close)</legend><label>Du<input id="b-from" type="date"></label><label>au<input id="b-to" type="date"></label></fieldset>
<label>Langue<select id="lang"><option value="fr">Français</option><option value="en">English</option></select></label>
<button>Afficher le rapport</button></form>
<form id="downloads"><label>Séparateur CSV<select id="sep"><option value=";">; (tableur français)</option><option value=",">, (international)</option></select></label>
<button id="csv" type="button" class="secondary">Télécharger le CSV</button><button id="html" type="button" class="secondary">Télécharger la page HTML</button></form>
</div>
<iframe id="report" title="Rapport" sandbox="allow-same-origin" hidden></iframe>
<script>${script}</script></body></html>`;

export const dashboardPageApp = () => staffPageApp('/dashboard', PAGE, DASHBOARD_CSP);
