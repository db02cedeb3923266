import { describe, expect, it } from 'vitest';
import { LocalWorkQueue } from './queue.ts';
import type { WorkUnit } from './units.ts';

const unit = (territory: string, month: string, jobId = 'job'): WorkUnit => ({
  kind: 'days',
  territory,
  surveyId: 's',
  days: [`${month}-01`],
  jobId,
});

describe('the local work queue (SQS FIFO and the worker, in process)', () => {
  it('sets a unit that keeps failing aside after its last attempt, without holding up other territories', async () => {
    const queue = new LocalWorkQueue({ concurrency: 2, maxAttempts: 3, retryDelayMs: 5 });
    const attempts: { territory: string; number: number; final: boolean }[] = [];
    queue.serve(async (u, attempt) => {
      attempts.push({ territory: u.territory, ...attempt });
      if (u.territory === 'poisoned') throw new Error('always');
    });
    await queue.enqueue([
      unit('poisoned', '2026-01'),
      unit('a', '2026-01'),
      unit('a', '2026-02'),
      unit('b', '2026-01'),
    ]);
    await queue.drain();
    expect(attempts.filter((a) => a.territory === 'poisoned')).toEqual([
      { territory: 'poisoned', number: 1, final: false },
      { territory: 'poisoned', number: 2, final: false },
      { territory: 'poisoned', number: 3, final: true },
    ]);
    expect(attempts.filter((a) => a.territory !== 'poisoned')).toHaveLength(3);
    expect(queue.deadLetters.map((d) => d.unit.territory)).toEqual(['poisoned']);
  });

  it('runs at most `concurrency` units at once, and one territory’s units one after another', async () => {
    const queue = new LocalWorkQueue({ concurrency: 3, maxAttempts: 1, retryDelayMs: 5 });
    const running = new Map<string, number>();
    let most = 0;
    let overlapped = false;
    queue.serve(async (u) => {
      running.set(u.territory, (running.get(u.territory) ?? 0) + 1);
      if ((running.get(u.territory) ?? 0) > 1) overlapped = true;
      most = Math.max(
        most,
        [...running.values()].reduce((s, n) => s + n, 0),
      );
      await new Promise((r) => setImmediate(r));
      running.set(u.territory, (running.get(u.territory) ?? 1) - 1);
    });
    const territories = ['a', 'b', 'c', 'd', 'e'];
    await queue.enqueue(territories.flatMap((t) => ['2026-01', '2026-02', '2026-03'].map((m) => unit(t, m))));
    await queue.drain();
    expect(most).toBe(3);
    expect(overlapped).toBe(false);
  });

  it('delivers the same unit sent twice once, as FIFO deduplication does', async () => {
    const queue = new LocalWorkQueue({ concurrency: 1, maxAttempts: 1, retryDelayMs: 5 });
    const seen: string[] = [];
    queue.serve(async (u) => void seen.push(u.kind === 'dispatch' ? u.at : u.jobId));
    await queue.enqueue([unit('a', '2026-01', 'j1'), unit('a', '2026-01', 'j1'), unit('a', '2026-01', 'j2')]);
    await queue.drain();
    expect(seen).toEqual(['j1', 'j2']);
  });
});
