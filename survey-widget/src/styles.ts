/**
 * The widget's only stylesheet, adopted by every shadow root (no <style> injection, so a
 * strict CSP is fine). `:host` resets with !important because, for the host element, the
 * page's !important rules would otherwise win and inherit into the shadow tree (`all` leaves
 * `direction` alone, hence its own line).
 * Sizes are in em: the page's rem may be anything. Colours meet 4.5:1 on white.
 */
const css = `
:host{all:initial!important;display:block!important;direction:ltr!important;font-family:system-ui,sans-serif!important;line-height:1.5!important;color:#1c1c1c!important;--a:var(--ecoute-accent,#0b5cad)}
:host([hidden]){display:none!important}
*,::before,::after{box-sizing:border-box}
.w{container-type:inline-size;max-width:42em;padding:1.25em;background:#fff;border:1px solid #c9c9c9;border-radius:.75em}
h2{font-size:1.3em;margin:0 0 .5em}
h3{font-size:1.1em;margin:0 0 .5em}
p{margin:0 0 .75em}
p:last-child{margin-bottom:0}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend,label.legend{display:block;font-weight:600;font-size:1.1em;padding:0;margin-bottom:.5em}
.hint{color:#4d4d4d;font-size:.95em}
.req{font-weight:400;color:#4d4d4d;font-size:.85em}
.prog{font-size:.9em;color:#4d4d4d;margin-bottom:1em}
progress{display:block;width:100%;margin-top:.25em;accent-color:var(--a)}
.pts{display:grid;grid-auto-flow:column;grid-auto-columns:1fr;gap:.3em}
.pt,.opt{position:relative;display:flex;cursor:pointer}
.pt input,.opt input{position:absolute;opacity:0;inset:0;width:100%;height:100%;margin:0;cursor:pointer}
.pt span{flex:1;display:flex;align-items:center;justify-content:center;text-align:center;min-height:2.75em;padding:.25em .1em;border:1px solid #767676;border-radius:.4em;background:#fff}
.cmp .pt span{font-size:.9em;padding:.4em .25em}
.opts{display:flex;flex-direction:column;gap:.4em}
.opt span{flex:1;display:flex;align-items:center;gap:.6em;min-height:2.75em;padding:.5em .75em;border:1px solid #767676;border-radius:.4em;background:#fff}
.opt span::before{content:"";flex:none;width:1em;height:1em;border:2px solid #595959;border-radius:50%;background:#fff}
.opt input[type=checkbox]+span::before{border-radius:.2em}
input:checked+span{background:var(--a);border-color:var(--a);color:#fff;font-weight:600}
.opt input:checked+span::before{border-color:#fff;background:#fff;box-shadow:inset 0 0 0 .2em var(--a)}
input:focus-visible+span,:focus-visible{outline:3px solid var(--a);outline-offset:2px;box-shadow:0 0 0 5px #fff}
.ends{display:flex;justify-content:space-between;gap:1em;font-size:.85em;color:#4d4d4d;margin-top:.35em}
.ends span+span{text-align:end}
.dk{margin-top:.6em}
textarea,select,.f input{display:block;width:100%;font:inherit;color:inherit;padding:.55em .7em;border:1px solid #767676;border-radius:.4em;background:#fff}
textarea{min-height:7em}
.count{font-size:.85em;color:#4d4d4d;margin:.3em 0 0;text-align:end}
.err{color:#b3001b;font-weight:600;margin:.5em 0 0}
[aria-invalid=true]{border-color:#b3001b;border-width:2px}
.nav{display:flex;gap:.75em;justify-content:space-between;margin-top:1.5em}
.nav :only-child{margin-left:auto}
button{font:inherit;font-weight:600;cursor:pointer;min-height:2.75em;padding:.5em 1.25em;border-radius:.4em;border:2px solid var(--a);background:var(--a);color:#fff}
button.sec{background:#fff;color:var(--a)}
button:disabled{opacity:.6}
.f{margin-bottom:1em}
.f label:not(.opt){display:block;font-weight:600;margin-bottom:.3em}
.code{font:700 1.4em/1.2 monospace;padding:.4em .6em;background:#eef4fb;border-radius:.4em;display:inline-block;margin-bottom:.5em}
.row{display:flex;gap:.5em;align-items:flex-end}
.row .f{flex:1;margin:0}
dl{margin:1em 0 0}
dt{font-weight:600}
dd{margin:0 0 .5em;white-space:pre-wrap}
hr{border:0;border-top:1px solid #c9c9c9;margin:1.5em 0}
[tabindex="-1"]:focus{outline:none}
@container (max-width:26em){.cmp{grid-auto-flow:row}.wide{grid-template-columns:repeat(6,1fr);grid-auto-flow:row}.nav button{flex:1}}
@media (prefers-reduced-motion:no-preference){.pt span,.opt span,button{transition:background-color .15s,border-color .15s}}
@media (forced-colors:active){input:checked+span{outline:3px solid CanvasText}}
`;

let sheet: CSSStyleSheet | undefined;

/** One sheet for every instance on the page. */
export function widgetSheet(): CSSStyleSheet {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}
