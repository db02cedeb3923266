/**
 * A newcomer's first `npm start` seeds the demo for about a minute; they may press Ctrl-C in
 * the middle, or the machine may kill it. The real command, as a child process in its own
 * process group (a terminal's Ctrl-C reaches the whole group: npm and node), stopped during
 * seeding and started again on the same folder, must come back healthy with the demo. Java runs
 * in a group of its own, so that a Ctrl-C never kills the database under a night still writing:
 * the start stops it after its work has drained, and the next start ends one a crash left.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, startDynamoLocal } from './stack.ts';
import { startProduct } from './product.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Run {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the output once it matches, rejects if the run ends first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

function npmStart(dataDir: string, port: number): Run {
  const child = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), ECOUTE_DATA_DIR: dataDir, ECOUTE_QUIET: '1' },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const heard = (d: Buffer) => {
    output += String(d);
    for (const l of listeners) l();
  };
  child.stdout?.on('data', heard);
  child.stderr?.on('data', heard);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return {
    child,
    output: () => output,
    exited,
    waitFor(pattern, timeoutMs = 180_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = output.match(pattern);
          if (m) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(m);
          }
        };
        const timer = setTimeout(
          () => reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${output}`)),
          timeoutMs,
        );
        listeners.add(check);
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`npm start ended before ${pattern}:\n${output}`));
        });
        check();
      });
    },
  };
}

/** Signals the run's whole process group, as a terminal does. */
const signalGroup = (run: Run, signal: NodeJS.Signals) => process.kill(-(run.child.pid as number), signal);

/** Resolves once no process of the group is left (npm, node, Java): waits for the condition, not a time. */
async function groupGone(run: Run): Promise<void> {
  await run.exited;
  for (;;) {
    try {
      process.kill(-(run.child.pid as number), 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The DynamoDB Local the last start on `dataDir` ran (the process id its folder remembers). */
const javaOf = (dataDir: string) => Number(readFileSync(join(dataDir, 'dynamodb', 'dynamodb-local.pid'), 'utf8'));

/** A process's group and state (`ps`), or undefined once it is gone. */
function psOf(pid: number): { group: number; state: string } | undefined {
  try {
    const [group = '', state = ''] = execFileSync('ps', ['-o', 'pgid=,stat=', '-p', String(pid)], { encoding: 'utf8' })
      .trim()
      .split(/\s+/);
    return { group: Number(group), state };
  } catch {
    return undefined;
  }
}
/** Running: neither gone nor a zombie waiting to be reaped. */
const running = (pid: number) => !(psOf(pid)?.state.startsWith('Z') ?? true);

async function javaGone(pid: number): Promise<void> {
  while (running(pid)) await new Promise((r) => setTimeout(r, 100));
}

const dataDir = mkdtempSync(join(tmpdir(), 'ecoute-first-start-'));
const runs: Run[] = [];
afterAll(async () => {
  for (const run of runs) {
    if (run.child.exitCode === null && run.child.signalCode === null) signalGroup(run, 'SIGKILL');
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('npm start, interrupted during its first seeding', () => {
  it('comes back healthy with the demo after a Ctrl-C and after a crash in the middle of seeding', async () => {
    const port = await freePort();
    const api = `http://127.0.0.1:${port}`;

    // 1. Ctrl-C just after the demo territory is created, before its survey and history.
    const first = npmStart(dataDir, port);
    runs.push(first);
    await first.waitFor(/demo territory created/);
    signalGroup(first, 'SIGINT');
    await groupGone(first);
    expect(await fetch(`${api}/health`).catch(() => 'closed')).toBe('closed');

    // 2. A crash (SIGKILL, no handler runs) in the middle of the synthetic history.
    const second = npmStart(dataDir, port);
    runs.push(second);
    await second.waitFor(/carrying on with the demo territory/);
    await second.waitFor(/synthetic answers of \d{4}-\d{2}…[\s\S]*synthetic answers of/);
    const crashedJava = javaOf(dataDir);
    signalGroup(second, 'SIGKILL');
    await groupGone(second);

    // 3. The next start finishes the demo; the API answers only once it is ready.
    const third = npmStart(dataDir, port);
    runs.push(third);
    const [, adminKey] = await third.waitFor(/demo admin key\s+(ecoute_\S+)/);
    expect(await (await fetch(`${api}/health`)).json()).toEqual({ status: 'ok' });
    // The crashed start's Java, outside its group, was ended by this start, not left running.
    expect(running(crashedJava)).toBe(false);
    const java = javaOf(dataDir);
    expect(psOf(java)?.group).not.toBe(third.child.pid);
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const csv = await fetch(`${api}/v1/surveys/avignon-2026/responses.csv?from=${day(-420)}&to=${day(1)}`, {
      headers: { authorization: `Bearer ${adminKey}` },
    });
    expect(csv.status).toBe(200);
    const rows = (await csv.text()).trim().split('\n').length - 1;
    // The whole history once (4 to 12 answers a day over 400 days), not twice: the resumed start rewrote the same ids.
    expect(rows).toBeGreaterThan(400 * 4);
    expect(rows).toBeLessThanOrEqual(400 * 12);
    expect(third.output()).not.toMatch(/exists already/);

    signalGroup(third, 'SIGINT');
    await groupGone(third);
    await javaGone(java);
    expect(third.output()).toMatch(/SIGINT: stopping/);
    expect(third.output()).not.toMatch(/unit of work failed/);
  }, 600_000);
});

describe('a DynamoDB Local left running by a start killed outright', () => {
  it('is ended by the next start on the same folder', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ecoute-leftover-'));
    const leftover = await startDynamoLocal({ dbPath: folder });
    try {
      const next = await startDynamoLocal({ dbPath: folder });
      await next.stop();
      expect(leftover.process.exitCode !== null || leftover.process.signalCode !== null).toBe(true);
    } finally {
      await leftover.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('a seeding failure', () => {
  it('is reported while the product serves, and the next start seeds the demo', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'ecoute-seed-failure-'));
    try {
      // A demo.json that cannot be read (here a folder in its place): the seeding fails.
      mkdirSync(join(folder, 'demo.json'));
      const failed = await startProduct({ dataDir: folder, demoHistoryDays: 0 });
      try {
        expect(failed.demo).toBeUndefined();
        expect(failed.seedFailure).toMatch(/EISDIR/);
        expect((await fetch(`${failed.apiUrl}/health`)).status).toBe(200);
        const created = await fetch(`${failed.apiUrl}/v1/territories`, {
          method: 'POST',
          headers: { authorization: `Bearer ${failed.operatorKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ id: 'carpentras', name: 'Carpentras', allowedOrigins: [] }),
        });
        expect(created.status).toBe(201);
      } finally {
        await failed.stop();
      }
      rmSync(join(folder, 'demo.json'), { recursive: true });
      const fixed = await startProduct({ dataDir: folder, demoHistoryDays: 0 });
      try {
        expect(fixed.demo?.territory).toBe('demo');
      } finally {
        await fixed.stop();
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
