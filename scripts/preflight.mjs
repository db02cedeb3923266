#!/usr/bin/env node
// Makes sure the machine has what the local stack and the browser tests need: a Java 17+
// runtime for DynamoDB Local and Debian's Chromium for the widget tests. Installs them with
// apt-get when we may (root on Debian), otherwise stops with one line saying what to install.
// For `npm test` it also fetches the Node.js of the Lambda runtime (see ensureLambdaNode).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const onlyJava = process.argv.includes('--java');
const wanted = [
  {
    name: 'Java 17+',
    debian: 'openjdk-17-jre-headless',
    present: () => {
      const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
      if (r.status !== 0) return false;
      const m = /version "(\d+)/.exec(r.stderr + r.stdout);
      return Boolean(m && Number(m[1]) >= 17);
    },
  },
  ...(onlyJava
    ? []
    : [
        {
          name: 'Chromium',
          debian: 'chromium',
          present: () => existsSync(process.env.ECOUTE_CHROMIUM ?? '/usr/bin/chromium'),
        },
      ]),
];

/**
 * The tests run on this machine's Node, the Lambdas on Node.js 24 (infra/bundling.ts
 * `nodeMajor`; tests/lambda-bundles.test.ts fails if the two numbers part). That test runs the
 * built bundles on the same major, from the npm package `node-<os>-<cpu>` (Node's own binaries
 * for Linux and macOS, x64 and arm64), unpacked under
 * node_modules/.cache rather than installed (installed, it would become the `node` of every npm
 * script). Where it cannot be fetched the test runs on this Node and its runtime check fails.
 */
const LAMBDA_NODE_MAJOR = 24;
const lambdaNodeDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'node_modules',
  '.cache',
  `lambda-node-${LAMBDA_NODE_MAJOR}`,
);
function ensureLambdaNode() {
  const pkg = `node-${process.platform}-${process.arch}@${LAMBDA_NODE_MAJOR}`;
  if (!['linux', 'darwin'].includes(process.platform) || existsSync(join(lambdaNodeDir, 'bin', 'node'))) return;
  const scratch = mkdtempSync(join(tmpdir(), 'ecoute-node-'));
  try {
    const tgz = execFileSync('npm', ['pack', pkg, '--pack-destination', scratch, '--silent'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .trim()
      .split('\n')
      .pop();
    mkdirSync(lambdaNodeDir, { recursive: true });
    execFileSync('tar', ['-xzf', join(scratch, tgz), '-C', lambdaNodeDir, '--strip-components=1']);
  } catch {
    rmSync(lambdaNodeDir, { recursive: true, force: true });
    console.warn(
      `Could not fetch Node.js ${LAMBDA_NODE_MAJOR} (npm pack ${pkg}): the Lambda bundle test runs on Node ${process.versions.node} and fails its runtime check.`,
    );
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
if (!onlyJava) ensureLambdaNode();

const missing = wanted.filter((w) => !w.present());
if (missing.length === 0) process.exit(0);

const packages = missing.map((m) => m.debian);
const canApt = process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0;
if (!canApt) {
  console.error(
    `Écoute needs ${missing.map((m) => m.name).join(' and ')}: install them (Debian/Ubuntu: sudo apt-get install -y ${packages.join(' ')}) and run the command again.`,
  );
  process.exit(1);
}
console.log(`Installing ${packages.join(', ')} with apt-get (one time)…`);
try {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
} catch {
  console.error(
    `Could not install ${packages.join(' ')}: install them with apt-get (Debian/Ubuntu) and run the command again.`,
  );
  process.exit(1);
}
const still = missing.filter((m) => !m.present());
if (still.length) {
  console.error(
    `Still missing after apt-get: ${still.map((m) => m.name).join(', ')}; install ${still.map((m) => m.debian).join(' ')} and try again.`,
  );
  process.exit(1);
}
