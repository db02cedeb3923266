/**
 * `npm run build`: bundles the widget with esbuild into dist/ecoute.js (one minified IIFE,
 * what the snippet loads) and dist/ecoute.esm.js (for sites that bundle it themselves).
 */
import { build, type BuildOptions } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const distDir = join(here, 'dist');
export const iifePath = join(distDir, 'ecoute.js');
export const esmPath = join(distDir, 'ecoute.esm.js');

const common: BuildOptions = {
  entryPoints: [join(here, 'src', 'index.ts')],
  bundle: true,
  minify: true,
  // Custom elements, shadow DOM and constructable stylesheets set the floor (Safari 16.4).
  target: ['es2022', 'chrome100', 'firefox101', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  legalComments: 'none',
  charset: 'utf8',
  logLevel: 'warning',
};

export async function buildWidget(): Promise<{ iife: string; esm: string }> {
  await Promise.all([
    build({ ...common, format: 'iife', outfile: iifePath }),
    build({ ...common, format: 'esm', outfile: esmPath }),
  ]);
  return { iife: iifePath, esm: esmPath };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { iife, esm } = await buildWidget();
  console.log(`built ${iife} and ${esm}`);
}
