/** The suggestion box's own rules, on top of the widget's sheet (../styles.ts). */
import { sheetOf } from '../styles.ts';

export const suggestionSheet = sheetOf(`
.f{margin-bottom:1em}
.f label:not(.opt){display:block;font-weight:600;margin-bottom:.3em}
.code{font:700 1.4em monospace;padding:.4em .6em;background:#eef4fb;display:inline-block}
.track{border-top:1px solid #c9c9c9;margin-top:1.5em;padding-top:1.5em}
dt{font-weight:600;margin-top:.5em}
dd{margin:0;white-space:pre-wrap}
@media print{form,.nav{display:none}}
`);
