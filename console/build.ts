/**
 * `npm run build` (with the widget): bundles the console into dist/assets with content-hashed
 * names (cached a year) and writes a small dist/index.html that links them, with no inline
 * script or style, so a strict CSP holds.
 */
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const consoleDist = join(here, 'dist');

export interface ConsoleBuild {
  /** Files under dist/assets, as index.html names them. */
  scripts: string[];
  styles: string[];
  /** Every script file, and those the entry loads before anything shows (its static imports). */
  allScripts: string[];
  initialScripts: string[];
}

export async function buildConsole(): Promise<ConsoleBuild> {
  rmSync(consoleDist, { recursive: true, force: true });
  mkdirSync(consoleDist, { recursive: true });
  const result = await build({
    entryPoints: { console: join(here, 'src', 'main.tsx') },
    bundle: true,
    minify: true,
    format: 'esm',
    splitting: true,
    chunkNames: '[name]-[hash]',
    outdir: join(consoleDist, 'assets'),
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    metafile: true,
    target: ['es2022', 'chrome100', 'firefox101', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    legalComments: 'none',
    charset: 'utf8',
    logLevel: 'warning',
  });
  const outputs = result.metafile.outputs;
  const entry = Object.keys(outputs).find((p) => outputs[p]?.entryPoint);
  if (!entry) throw new Error('esbuild wrote no entry');
  const initial = new Set<string>();
  const visit = (path: string) => {
    if (initial.has(path)) return;
    initial.add(path);
    for (const i of outputs[path]?.imports ?? []) if (i.kind === 'import-statement') visit(i.path);
  };
  visit(entry);
  const allScripts = Object.keys(outputs).filter((p) => p.endsWith('.js'));
  const scripts = [basename(entry)];
  const styles = Object.keys(outputs)
    .filter((f) => f.endsWith('.css'))
    .map((p) => basename(p));
  const html = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<link rel="icon" href="data:,">
<title>Écoute — console</title>
${styles.map((s) => `<link rel="stylesheet" href="assets/${s}">`).join('\n')}
${scripts.map((s) => `<script type="module" src="assets/${s}"></script>`).join('\n')}
</head>
<body>
<div id="app"><noscript>La console a besoin de JavaScript. / The console needs JavaScript.</noscript></div>
</body>
</html>
`;
  writeFileSync(join(consoleDist, 'index.html'), html);
  const inDist = (p: string) => join(consoleDist, 'assets', basename(p));
  return { scripts, styles, allScripts: allScripts.map(inDist), initialScripts: [...initial].map(inDist) };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { scripts, styles } = await buildConsole();
  console.log(`built ${consoleDist}: ${[...scripts, ...styles].join(', ')} and index.html`);
}
