/** Captures what the app logs (log.ts writes JSON lines to stdout and stderr) into `lines`. */
import { expect, vi } from 'vitest';

export function captureLogs(lines: string[]): void {
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
  }
  for (const method of ['log', 'info', 'warn', 'error'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(' ')));
  }
}

/**
 * Runs `work` with the app's lines from info up (tests are quiet otherwise) captured into
 * `lines`, then restores the streams and the environment.
 */
export async function withCapturedLogs<T>(lines: string[], work: () => Promise<T>): Promise<T> {
  vi.stubEnv('ECOUTE_QUIET', '0');
  captureLogs(lines);
  try {
    return await work();
  } finally {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
  }
}

/** One counter as CloudWatch reads it from an embedded metric format line (the specification's keys). */
export interface Counted {
  name: string;
  namespace: string;
  dimensions: string[];
  service: unknown;
  reason: unknown;
  territory: unknown;
}

/** The counters in the captured `lines`, each counting one. */
export function countedIn(lines: string[]): Counted[] {
  return lines
    .flatMap((chunk) => chunk.split('\n'))
    .filter((l) => l.startsWith('{') && l.includes('"_aws"'))
    .flatMap((l) => {
      const line = JSON.parse(l);
      return line._aws.CloudWatchMetrics.flatMap(
        (d: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }) =>
          d.Metrics.map((m) => {
            expect(m.Unit).toBe('Count');
            expect(line[m.Name]).toBe(1);
            return {
              name: m.Name,
              namespace: d.Namespace,
              dimensions: d.Dimensions.flat(),
              service: line.service,
              reason: line.reason,
              territory: line.territory,
            };
          }),
      );
    });
}
