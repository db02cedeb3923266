/**
 * The moderator page of the local dashboard: one static page whose script asks for the key in
 * a form, then talks to the API on the same origin. Nothing from the API is ever written as
 * HTML, and the CSP allows only this page's own script and style (by hash) and same-origin calls.
 */
import { readFileSync } from 'node:fs';
import { statusLabel, SUGGESTION_STATUSES } from '#analytics/suggestion-statuses.ts';
import { cspHash, staffPageApp } from './staff-page.ts';

/** Staff read the statuses in the same words as residents and e-mails. */
const LABELS = Object.fromEntries(SUGGESTION_STATUSES.map((s) => [s, statusLabel(s, 'fr')]));
const script = readFileSync(new URL('./moderation.client.js', import.meta.url), 'utf8').replace(
  '/*STATUSES*/ {}',
  JSON.stringify(LABELS),
);
const style = `body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem;color:#1a1a1a}
form{margin:.5rem 0}label{margin-right:.5rem}input,select,textarea,button{font:inherit}textarea{width:100%;min-height:5rem}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccc;padding:.3rem;text-align:left;vertical-align:top}
td:last-child{white-space:pre-wrap;word-break:break-word}.link{background:none;border:0;color:#0b4f9c;text-decoration:underline;cursor:pointer;font-family:monospace}
#message{min-height:1.5rem}.bad{color:#a00000}#d-text,blockquote{white-space:pre-wrap;word-break:break-word;background:#f4f4f4;padding:.5rem;margin:.25rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dd{margin:0}fieldset{margin:.5rem 0}`;

const CSP = `default-src 'none'; script-src ${cspHash(script)}; style-src ${cspHash(style)}; connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'`;

const options = (pairs: [string, string][]) =>
  pairs.map(([v, label]) => `<option value="${v}">${label}</option>`).join('');
const STATUS_OPTIONS = options([['', 'Tous'], ...Object.entries(LABELS)]);

const PAGE = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Écoute — modération de la boîte à idées</title><style>${style}</style></head><body>
<h1>Boîte à idées : modération</h1>
<form id="login" autocomplete="off"><label for="territory">Territoire</label><input id="territory" required>
<label for="key">Clé de modération</label><input id="key" type="password" required> <button>Ouvrir</button></form>
<p id="message" role="status" aria-live="polite"></p>
<div id="work" hidden>
<form id="filters"><label for="f-status">Statut</label><select id="f-status">${STATUS_OPTIONS}</select>
<label for="f-category">Thème</label><select id="f-category"><option value="">Tous</option></select>
<label for="f-hidden">Visibilité</label><select id="f-hidden"><option value="false">Visibles</option><option value="true">Masqués</option><option value="">Tous</option></select>
<button>Filtrer</button></form>
<table><thead><tr><th>Reçu le</th><th>Code</th><th>Thème</th><th>Quartier</th><th>Statut</th><th></th><th>Message</th></tr></thead><tbody id="rows"></tbody></table>
<button id="more" type="button" hidden>Page suivante</button>
<section id="detail" hidden aria-labelledby="d-code"><h2 id="d-code"></h2><dl id="d-facts"></dl><h3>Message</h3><div id="d-text"></div>
<form id="f-change"><fieldset><legend>Statut et réponse publique</legend><label for="a-status">Nouveau statut</label><select id="a-status"></select>
<label for="a-answer">Réponse publique (visible avec le code)</label><textarea id="a-answer" maxlength="5000"></textarea><button>Enregistrer</button></fieldset></form>
<form id="f-note"><fieldset><legend>Note interne (jamais montrée à l’habitant)</legend><label for="a-note">Note</label><textarea id="a-note" maxlength="5000" required></textarea><button>Ajouter la note</button></fieldset></form>
<form id="f-merge"><fieldset><legend>Doublon</legend><label for="a-into">Code du message d’origine</label><input id="a-into" required><button>Fusionner</button></fieldset></form>
<form id="f-hide"><button id="a-hide"></button></form><form id="f-erase"><button id="a-erase">Effacer le contact maintenant</button></form>
<h3>Historique</h3><ol id="d-history"></ol></section></div>
<script>${script}</script></body></html>`;

export const moderationPageApp = () => staffPageApp('/moderation', PAGE, CSP);
