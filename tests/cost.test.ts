/**
 * The cost table's counts per response (infra/cost.ts), measured rather than assumed: the app on
 * DynamoDB Local answers responses as the widget sends them (JSON as text/plain, from an allowed
 * page), on an instance that has read nothing yet, and DynamoDB says what each call consumed
 * (ReturnConsumedCapacity, asked by a middleware of this test only). The log lines a response
 * writes are measured too.
 */
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { inject } from 'vitest';
import { createDb, type Db } from '#functions/store/dynamo.ts';
import { captureLogs } from '#functions/testing/logs.ts';
import { newResponseId, testApp } from '#functions/testing/harness.ts';
import { ASSUMPTIONS } from '#infra/cost.ts';

const ORIGIN = 'https://www.office-tourisme.example';

interface Used {
  wru: number;
  rru: number;
  calls: string[];
}

/** Asks every call of `db` for its consumed capacity, and adds it up in what it returns. */
function metered(db: Db): Used {
  const used: Used = { wru: 0, rru: 0, calls: [] };
  db.client.middlewareStack.add(
    (next, context) => async (args) => {
      Object.assign(args.input as object, { ReturnConsumedCapacity: 'INDEXES' });
      const out = await next(args);
      const consumed = (out.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] }).ConsumedCapacity;
      for (const c of [consumed ?? []].flat()) {
        const write = /Put|Update|Delete|Write/.test(context.commandName ?? '');
        used[write ? 'wru' : 'rru'] += c.CapacityUnits ?? 0;
      }
      used.calls.push(String(context.commandName));
      return out;
    },
    { step: 'initialize', name: 'meterCapacity' },
  );
  return used;
}

let post: (client: string) => Promise<Response>;
let used: Used;

beforeAll(async () => {
  const t = await testApp();
  const territory = await t.createTerritory();
  const survey = await t.createLiveSurvey(territory.id, territory.adminKey);
  // Another instance on the same table: nothing read yet, as when a survey gets an answer every few minutes.
  const db = createDb({ table: t.db.table, endpoint: inject('dynamoEndpoint'), timeoutMs: 10_000 });
  used = metered(db);
  let address = '';
  const app = t.anotherInstance({ db, clientAddress: () => address });
  const body = () =>
    JSON.stringify({
      id: newResponseId(),
      audience: 'visitor',
      locale: 'fr',
      answers: { recommend: 9, sat_welcome: 4, origin: 'france', interests: ['festival'], comment: 'Très bien' },
    });
  post = async (client) => {
    address = client;
    return app.request(`/v1/surveys/${survey}/responses`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN },
      body: body(),
    });
  };
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

const measure = async (client: string) => {
  Object.assign(used, { wru: 0, rru: 0, calls: [] });
  const res = await post(client);
  expect(res.status, await res.clone().text()).toBe(201);
  return { ...used };
};

describe('what a response consumes', () => {
  const { wru, reads, versionRru } = ASSUMPTIONS;
  const perResponse = wru.response + wru.dayIndexCopy + wru.rateWindow;
  const shortCached = reads.survey + reads.territory + reads.previousMinute;

  it("on an instance that has read nothing: the table's writes, the day's mark, and its reads", async () => {
    const first = await measure('198.51.100.1');
    expect(first.calls.filter((c) => c === 'GetItemCommand')).toHaveLength(4);
    expect(first.rru, 'the survey, its version, the territory, the previous minute').toBe(shortCached + versionRru);
    expect(first.wru, 'the response, its day index copy, the rate window and the day mark').toBe(perResponse + 1);
  });

  it("then, for another client and the same survey-day: no mark, and only that client's previous minute read", async () => {
    const next = await measure('198.51.100.2');
    expect(next.wru).toBe(perResponse);
    expect(next.rru).toBe(reads.previousMinute);
  });

  it('a minute later, past the short caches: the survey and territory again, the version still kept', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 60_000 });
    try {
      const later = await measure('198.51.100.4');
      expect(later.rru).toBe(shortCached);
      expect(later.wru).toBe(perResponse);
    } finally {
      vi.useRealTimers();
    }
  });

  it('logs the counter line, and no request line for a success that was not sampled', async () => {
    const output: string[] = [];
    vi.stubEnv('ECOUTE_QUIET', '0');
    captureLogs(output);
    await measure('198.51.100.3');
    const lines = output.flatMap((chunk) => chunk.split('\n')).filter((l) => l.startsWith('{'));
    const metric = lines.filter((l) => l.includes('"ResponsesAccepted"'));
    expect(metric).toHaveLength(1);
    expect(Buffer.byteLength(metric[0] ?? '')).toBeLessThanOrEqual(ASSUMPTIONS.log.metricLine);
    expect(lines.filter((l) => l.includes('"message":"request"'))).toEqual([]);
  });
});
