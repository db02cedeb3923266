import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { CommentDigest } from '#analytics/comments-schema.ts';
import { encodeDigest } from './comments.ts';

const picks = (k: number) =>
  Array.from({ length: k }, (_, i) => ({
    rank: i,
    text: `${i} ${'x'.repeat(250)}`,
    day: '2026-03-02',
  }));

describe('a comment digest as stored', () => {
  it('keeps fewer comments per cell, the lowest drawn, when the digest would pass the item limit', () => {
    const digest: CommentDigest = Object.fromEntries(
      Array.from({ length: 20 }, (_, q) => [
        `q${q}`,
        { visitor: { asked: 40, count: 9, first: 2, last: 2, picks: picks(5) } },
      ]),
    );
    const whole = encodeDigest(digest);
    const limit = Math.floor(whole.byteLength * 0.5);
    const stored = JSON.parse(gunzipSync(encodeDigest(digest, limit)).toString('utf8')) as CommentDigest;
    const kept = stored.q0?.visitor?.picks ?? [];
    expect(kept.length).toBeLessThan(5);
    expect(kept.map((p) => p.rank)).toEqual([0, 1, 2, 3, 4].slice(0, kept.length));
    expect(stored.q0?.visitor?.count).toBe(9);
    expect(encodeDigest(digest, limit).byteLength).toBeLessThanOrEqual(limit);
  });
});
