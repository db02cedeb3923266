/**
 * `npm run lint:openapi`: /openapi.json as the app builds it, in this process (no server, no
 * storage, no network), linted by Redocly CLI with its `recommended` rules. Redocly exits 0 on
 * warnings; here a warning fails too, so the document stays clean rather than nearly so.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../functions/app.ts';
import { buildDeps } from '../functions/runtime.ts';

// Building the document touches no storage: the database client is made but never called.
const app = createApp(
  buildDeps({ table: 'unused', operatorKey: 'lint-openapi-operator-key', clientAddress: () => '203.0.113.1' }),
);
const res = await app.request('/openapi.json');
if (res.status !== 200) throw new Error(`/openapi.json answered ${res.status}`);

const dir = mkdtempSync(join(tmpdir(), 'ecoute-openapi-'));
try {
  const file = join(dir, 'openapi.json');
  writeFileSync(file, await res.text());
  const cli = join('node_modules', '@redocly', 'cli', 'bin', 'cli.js');
  const lint = spawnSync(process.execPath, [cli, 'lint', file, '--extends', 'recommended', '--format', 'json'], {
    encoding: 'utf8',
    // No telemetry and no update check: the lint runs offline.
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  const report = JSON.parse(lint.stdout.slice(lint.stdout.indexOf('{'))) as {
    totals: { errors: number; warnings: number };
    problems: { ruleId: string; severity: string; message: string; location: { pointer?: string }[] }[];
  };
  for (const p of report.problems)
    console.log(`${p.severity} ${p.ruleId} at ${p.location[0]?.pointer ?? '#'}: ${p.message}`);
  const { errors, warnings } = report.totals;
  console.log(`/openapi.json under Redocly's recommended rules: ${errors} error(s), ${warnings} warning(s)`);
  process.exitCode = errors + warnings === 0 && lint.status === 0 ? 0 : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
