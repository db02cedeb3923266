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
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

/**
 * Names of the widget's own fields and state that never leave a build: not sent to the API,
 * not stored, not read from a definition, not words of ecoute-en.js. esbuild shortens them
 * (100 bytes gzipped off ecoute.js). A name also used outside must never be added here.
 */
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
];

// ecoute-en.js is built on its own: a word's key renamed in one build and not the other would be lost.
const englishKeys = [...readFileSync(join(src, 'en.ts'), 'utf8').matchAll(/^ {2}(\w+):/gm)].map((m) => m[1]);
const clash = INTERNAL.filter((name) => englishKeys.includes(name));
if (clash.length)
  throw new Error(`these names are also words of ecoute-en.js, do not shorten them: ${clash.join(', ')}`);

const common: BuildOptions = {
  mangleProps: new RegExp(`^(${INTERNAL.join('|')})$`),
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
  // Read from the sources, not imported: they touch `document` when they load.
  const source = (file: string) => readFileSync(join(src, file), 'utf8');
  const names =
    /export const lent = \{([^}]*)\}/
      .exec(source('shared.ts'))?.[1]
      ?.split(',')
      .map((n) => n.trim()) ?? [];
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
        contents: `export const {${names.join(',')}} = window[${JSON.stringify(GLOBAL)}];`,
        loader: 'js',
      }));
    },
  };
}

/**
 * esbuild bundles, then terser minifies a second time: its extra passes take about 2.5 % off
 * ecoute.js gzipped (320 bytes when it was measured), which the byte budgets of
 * `npm run bench -- widget` need.
 */
async function bundle(options: BuildOptions & { outfile: string }): Promise<void> {
  const out = await build({ ...common, ...options, write: false });
  const code = out.outputFiles[0]?.text ?? '';
  const smaller = await minify(code, {
    ecma: 2020,
    module: options.format === 'esm',
    compress: { passes: 2 },
    format: { ascii_only: false },
  });
  mkdirSync(distDir, { recursive: true });
  writeFileSync(options.outfile, smaller.code ?? code);
}

export async function buildWidget(): Promise<{
  iife: string;
  suggestions: string;
  english: string;
  page: string;
  esm: string;
}> {
  await Promise.all([
    bundle({ entryPoints: [join(src, 'index.ts')], format: 'iife', outfile: iifePath }),
    bundle({
      entryPoints: [join(src, 'suggestions', 'entry.ts')],
      format: 'iife',
      outfile: suggestionsPath,
      plugins: [borrowShared()],
    }),
    // Words only: no JSX, so nothing injected (Preact would come along).
    bundle({ inject: [], entryPoints: [join(src, 'en.ts')], format: 'iife', outfile: englishPath }),
    bundle({ inject: [], entryPoints: [join(src, 'page.ts')], format: 'iife', outfile: pageScriptPath }),
    bundle({ entryPoints: [join(src, 'esm.ts')], format: 'esm', outfile: esmPath }),
  ]);
  return { iife: iifePath, suggestions: suggestionsPath, english: englishPath, page: pageScriptPath, esm: esmPath };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const built = await buildWidget();
  console.log(`built ${Object.values(built).join(', ')}`);
}
