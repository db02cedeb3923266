/**
 * `npm run build`: bundles the widget with esbuild into dist/:
 * - ecoute.js, what the snippet loads (one minified IIFE): the survey, the outbox, and the
 *   <ecoute-suggestions> element, whose component it fetches on demand from beside itself;
 * - ecoute-suggestions.js, that component, using the Preact and API helper ecoute.js lends it
 *   (src/shared.ts) instead of a second copy;
 * - ecoute-en.js, the English words of both, fetched when a page or a person wants English;
 * - ecoute-page.js, the script of the hosted survey page (hosted/survey.html);
 * - ecoute.esm.js, all of it in one module, for sites that bundle the widget themselves.
 */
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { minify } from 'terser';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const src = join(here, 'src');
export const distDir = join(here, 'dist');
export const iifePath = join(distDir, 'ecoute.js');
export const suggestionsPath = join(distDir, 'ecoute-suggestions.js');
export const englishPath = join(distDir, 'ecoute-en.js');
export const pageScriptPath = join(distDir, 'ecoute-page.js');
/** The hosted survey page (`/s/{survey}`), with `{{API}}` to fill in. */
export const hostedPagePath = join(here, 'hosted', 'survey.html');
export const esmPath = join(distDir, 'ecoute.esm.js');

/** The short names esbuild gave long property names, kept from one build (and deploy) to the next. */
export const mangleCachePath = join(here, 'mangle-cache.json');

// Read from the sources, not imported: they touch `document` when they load.
const source = (file: string) => readFileSync(join(src, file), 'utf8');
/** The names of what ecoute.js lends the scripts it loads (src/shared.ts). */
const lentNames =
  /export const lent = \{([^}]*)\}/
    .exec(source('shared.ts'))?.[1]
    ?.split(',')
    .map((n) => n.trim()) ?? [];

/*
 * Property names esbuild shortens in every script: about 320 bytes gzipped off ecoute.js (12 437
 * to 12 121 when it was measured), which the byte budgets of `npm run bench -- widget` need. The
 * scripts share objects (what ecoute.js lends, the words of ecoute-en.js, Preact's components),
 * so they are built one after the other with one cache of short names, mangle-cache.json,
 * committed: a name keeps its short form from one deploy to the next, as a browser may hold
 * yesterday's ecoute.js (cached a day) and fetch today's ecoute-en.js. A build that shortens a
 * new name adds it there: commit the file with the change. A name also used outside (sent to the
 * API, stored, read from a definition, a DOM property, looked up with a computed key) must never
 * be shortened.
 */
/** The widget's own fields and state. */
const INTERNAL = [
  'latest',
  'busy',
  'focusNext',
  'stepBox',
  'pointer',
  'timer',
  'kioskTimer',
  'postUrl',
  'kiosk',
  'fresh',
  'refocus',
  'setDraft',
  'switchTo',
  'reserved',
  'paint',
  'def',
  'draft',
  'errors',
  'outcome',
  'sent',
  'withdrawal',
  'grid',
  'say',
  'offline',
  'shownAt',
  'honeypot',
  'territoryUrl',
  'found',
  'problem',
  'root',
  'base',
  'previewing',
  'load',
  'retryAfter',
];
/**
 * Preact's class API and option hooks, shortened in Preact's code as in ours (ecoute-suggestions.js
 * extends the Component ecoute.js lends). Preact compares none of them as a string, unlike
 * `children`, `key`, `ref` or `value`, which stay.
 */
const PREACT = [
  'props',
  'state',
  'context',
  'setState',
  'forceUpdate',
  'contextType',
  'componentDidMount',
  'componentDidUpdate',
  'componentWillUnmount',
  'componentWillMount',
  'componentWillUpdate',
  'componentWillReceiveProps',
  'componentDidCatch',
  'shouldComponentUpdate',
  'getDerivedStateFromProps',
  'getDerivedStateFromError',
  'getSnapshotBeforeUpdate',
  'getChildContext',
  'vnode',
  'diffed',
  'unmount',
  'debounceRendering',
];
/**
 * Words (i18n.ts, suggestions/strings.ts, en.ts) whose key is read as data too: audience ids
 * (`t[audience]`), the suggestion form's fields (`t[field]`, sent to the API as they are), the
 * API's names for a suggestion, the browser's (`navigator.share`); a survey definition's field
 * names are left alone as well (read from analytics/questionnaire.ts).
 */
const READ_AS_DATA = [
  'visitor',
  'resident',
  'investor',
  'category',
  'text',
  'district',
  'email',
  'consent',
  'code',
  'status',
  'answer',
  'share',
  'print',
];
const keysOf = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => m[1] ?? '');
const definitionFields = keysOf(readFileSync(join(here, '..', 'analytics', 'questionnaire.ts'), 'utf8'), /(\w+):/g);
const words = ['i18n.ts', join('suggestions', 'strings.ts')]
  .flatMap((file) => keysOf(source(file), /^ {2}(\w+):/gm))
  .filter((name) => !READ_AS_DATA.includes(name) && !definitionFields.includes(name));
// One or two letters are short already.
const SHORTENED = [...new Set([...INTERNAL, ...PREACT, ...lentNames, 'suggestions', ...words])].filter(
  (n) => n.length > 2,
);

const common: BuildOptions = {
  mangleProps: new RegExp(`^(${SHORTENED.join('|')})$`),
  bundle: true,
  minify: true,
  // Custom elements, shadow DOM and constructable stylesheets set the floor (Safari 16.4).
  target: ['es2022', 'chrome100', 'firefox101', 'safari16'],
  // Classic h() calls (about 2 % smaller than jsx({children})); tsconfig keeps preact's JSX types for the type-check.
  jsx: 'transform',
  jsxFactory: 'h',
  jsxFragment: 'Fragment',
  inject: [join(src, 'jsx.ts')],
  tsconfigRaw: { compilerOptions: { jsx: 'react' } },
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
};

/** The chunk's imports of what ecoute.js lends (src/shared.ts) read the object it put on `window` instead. */
function borrowShared(): Plugin {
  const GLOBAL = /export const GLOBAL = '(\w+)'/.exec(source('registry.ts'))?.[1];
  const lentFiles = ['net.ts', 'styles.ts', 'chunks.ts', 'i18n.ts', 'registry.ts'].map((f) => join(src, f));
  const borrowed = { path: 'shared', namespace: 'ecoute-shared' };
  return {
    name: 'borrow-shared',
    setup(b) {
      b.onResolve({ filter: /^preact\// }, (a) => ({
        errors: [{ text: `${a.path} would be a second copy beside ecoute.js's Preact: borrow through src/shared.ts` }],
      }));
      b.onResolve({ filter: /^preact$/ }, () => borrowed);
      b.onResolve({ filter: /\.ts$/ }, (a) => (lentFiles.includes(join(a.resolveDir, a.path)) ? borrowed : undefined));
      b.onLoad({ filter: /.*/, namespace: 'ecoute-shared' }, () => ({
        contents: `export const {${lentNames.join(',')}} = window[${JSON.stringify(GLOBAL)}];`,
        loader: 'js',
      }));
    },
  };
}

type Script = BuildOptions & { outfile: string };

/**
 * The short names kept in mangle-cache.json, and every property name any script leaves as it is,
 * reserved (`false`): the scripts share objects, so no short name may be one of them anywhere.
 */
async function shortNames(scripts: Script[], kept: Record<string, string>): Promise<Record<string, string | false>> {
  // Shortening every name, only to list them (nothing is written).
  const every = await build({
    ...common,
    entryPoints: scripts.flatMap((script) => script.entryPoints as string[]),
    outdir: distDir,
    format: 'iife',
    mangleProps: /./,
    mangleCache: {},
    write: false,
  });
  const names: Record<string, string | false> = {};
  for (const name of Object.keys(every.mangleCache ?? {})) if (!SHORTENED.includes(name)) names[name] = false;
  for (const [name, short] of Object.entries(kept)) if (!(name in names) && !(short in names)) names[name] = short;
  return names;
}

/** Bundles one script with the shared short names, adding those it gives new names. */
async function compile(options: Script, names: Record<string, string | false>): Promise<string> {
  const out = await build({ ...common, ...options, mangleCache: names, write: false });
  Object.assign(names, out.mangleCache);
  return out.outputFiles[0]?.text ?? '';
}

/**
 * esbuild bundles, then terser minifies a second time: its extra passes take about 2.5 % off
 * ecoute.js gzipped (320 bytes when it was measured), which the byte budgets of
 * `npm run bench -- widget` need.
 */
async function write(options: Script, code: string): Promise<void> {
  const smaller = await minify(code, {
    ecma: 2020,
    module: options.format === 'esm',
    compress: { passes: 2 },
    format: { ascii_only: false },
  });
  writeFileSync(options.outfile, smaller.code ?? code);
}

export async function buildWidget(): Promise<{
  iife: string;
  suggestions: string;
  english: string;
  page: string;
  esm: string;
}> {
  const scripts: Script[] = [
    { entryPoints: [join(src, 'index.ts')], format: 'iife', outfile: iifePath },
    {
      entryPoints: [join(src, 'suggestions', 'entry.ts')],
      format: 'iife',
      outfile: suggestionsPath,
      plugins: [borrowShared()],
    },
    // Words only: no JSX, so nothing injected (Preact would come along).
    { inject: [], entryPoints: [join(src, 'en.ts')], format: 'iife', outfile: englishPath },
    { inject: [], entryPoints: [join(src, 'page.ts')], format: 'iife', outfile: pageScriptPath },
    { entryPoints: [join(src, 'esm.ts')], format: 'esm', outfile: esmPath },
  ];
  const kept = existsSync(mangleCachePath) ? readFileSync(mangleCachePath, 'utf8') : '{}';
  const names = await shortNames(scripts, JSON.parse(kept));
  // One after the other (esbuild takes milliseconds): each script reuses the names of those before.
  const codes: string[] = [];
  for (const script of scripts) codes.push(await compile(script, names));
  const given = Object.entries(names).filter(([, short]) => short);
  const now = `${JSON.stringify(Object.fromEntries(given.sort(([a], [b]) => (a < b ? -1 : 1))), null, 2)}\n`;
  if (now !== kept) writeFileSync(mangleCachePath, now);
  mkdirSync(distDir, { recursive: true });
  await Promise.all(scripts.map((script, i) => write(script, codes[i] ?? '')));
  return { iife: iifePath, suggestions: suggestionsPath, english: englishPath, page: pageScriptPath, esm: esmPath };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const built = await buildWidget();
  console.log(`built ${Object.values(built).join(', ')}`);
}
