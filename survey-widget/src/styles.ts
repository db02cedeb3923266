/**
 * The widget's stylesheet, adopted by every shadow root (no <style> injection, so a strict CSP
 * is fine); the suggestion box adds a sheet of its own with `sheetOf`. `:host` resets with !important because, for the host element, the
 * page's !important rules would otherwise win and inherit into the shadow tree (`all` leaves
 * `direction` alone, hence its own line).
 * Sizes are in em: the page's rem may be anything. Colours meet 4.5:1 on white.
 */
const css = `
:host{all:initial!important;display:block!important;direction:ltr!important;font-family:system-ui,sans-serif!important;line-height:1.5!important;color:#1c1c1c!important;container-type:inline-size!important;--a:var(--ecoute-accent,#0b5cad)}
:host([hidden]){display:none!important}
*{box-sizing:border-box;accent-color:var(--a)}
.w{container-type:inline-size;max-width:42em;min-height:var(--ecoute-reserve);padding:1.25em;background:#fff;border:1px solid #c9c9c9;border-radius:.75em}
.k{font-size:1.25em}
h2{font-size:1.3em;margin:0 auto .5em 0}
h3,p{margin:0 0 .75em}
p:last-child{margin:0}
a{color:var(--a)}
.legend{display:block;font-weight:600;margin:0 0 .5em}
.hint,.req,.prog,.ends,.count{color:#4d4d4d;font-size:.95em}
.req{font-weight:400}
.top,.prog,.ends,.nav{display:flex;flex-wrap:wrap;align-items:center;gap:.5em .75em;margin-bottom:1em}
.prog span{margin-right:auto}
progress{width:100%}
.pts{display:grid;grid-auto-flow:column;grid-auto-columns:1fr;gap:.3em}
.pt,.opt{display:flex;flex-direction:column;align-items:center;text-align:center;gap:.2em .6em;padding:.3em .1em;border:1px solid #767676;border-radius:.4em;cursor:pointer}
.opts{display:grid;gap:.4em}
.opt{flex-direction:row;text-align:start;padding:.5em .75em}
.pt input,.opt input{width:1.2em;height:1.2em;margin:0}
:is(.pt,.opt):has(>:checked){border-color:var(--a);box-shadow:inset 0 0 0 2px var(--a);font-weight:600}
:focus-visible{outline:3px solid var(--a);outline-offset:2px}
.ends{justify-content:space-between;margin:.35em 0 0}
.ends span+span,.count{text-align:end}
.dk,.nav{margin-top:1em}
.row{padding:.75em 0;border-top:1px solid #d8d8d8}
textarea,select,.f input{display:block;width:100%;font:inherit;color:inherit;padding:.55em .7em;border:1px solid #767676;border-radius:.4em}
textarea{min-height:7em}
.err{color:#b3001b;font-weight:600;margin:.5em 0 0}
[aria-invalid=true]{border-color:#b3001b;border-width:2px}
.nav{justify-content:space-between;margin-bottom:0}
.nav :only-child{margin-left:auto}
button{font:inherit;font-weight:600;cursor:pointer;min-height:2.75em;padding:.5em 1.25em;border-radius:.4em;border:2px solid var(--a);background:var(--a);color:#fff}
.sec{background:#fff;color:var(--a)}
[tabindex="-1"]{outline:0}
@container (max-width:22em){.w{padding:.6em}}
@container (max-width:26em){.cmp{grid-auto-flow:row}.cmp .pt{flex-direction:row;padding:.5em .75em}.wide{gap:0}.nav button{flex:1}}
@container (max-width:16.5em){.wide{grid-auto-flow:row}}
@container (min-width:36em){.row{display:grid;grid-template-columns:2fr 3fr;column-gap:1em;align-items:center}.row>*{grid-column:2}.row>.legend{grid-column:1;grid-row:1/span 4;margin:0}}
`;

/** A constructable sheet made once, on first use, for every instance on the page. */
export function sheetOf(text: string): () => CSSStyleSheet {
  let sheet: CSSStyleSheet | undefined;
  return () => {
    if (!sheet) {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(text);
    }
    return sheet;
  };
}

export const widgetSheet = sheetOf(css);
