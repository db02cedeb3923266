#!/usr/bin/env node
// Makes sure the machine has what the local stack and the browser tests need: a Java 17+
// runtime for DynamoDB Local and Debian's Chromium for the widget tests. Installs them with
// apt-get when we may (root on Debian), otherwise stops with one line saying what to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

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
    : [{ name: 'Chromium', debian: 'chromium', present: () => existsSync(process.env.ECOUTE_CHROMIUM ?? '/usr/bin/chromium') }]),
];

const missing = wanted.filter((w) => !w.present());
if (missing.length === 0) process.exit(0);

const packages = missing.map((m) => m.debian);
const canApt = process.getuid?.() === 0 && spawnSync('apt-get', ['--version']).status === 0;
if (!canApt) {
  console.error(`Écoute needs ${missing.map((m) => m.name).join(' and ')}: install them (Debian/Ubuntu: sudo apt-get install -y ${packages.join(' ')}) and run the command again.`);
  process.exit(1);
}
console.log(`Installing ${packages.join(', ')} with apt-get (one time)…`);
try {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { stdio: 'inherit', env });
} catch {
  console.error(`Could not install ${packages.join(' ')}: install them with apt-get (Debian/Ubuntu) and run the command again.`);
  process.exit(1);
}
const still = missing.filter((m) => !m.present());
if (still.length) {
  console.error(`Still missing after apt-get: ${still.map((m) => m.name).join(', ')}; install ${still.map((m) => m.debian).join(' ')} and try again.`);
  process.exit(1);
}
