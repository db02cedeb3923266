import { describe, expect, it } from 'vitest';
import { isoWithOffset, ulid } from './ids.ts';

describe('ulid', () => {
  it('makes a 26-character Crockford id the API accepts, sortable by time', () => {
    const a = ulid(Date.UTC(2026, 10, 23), new Uint8Array(16));
    const b = ulid(Date.UTC(2026, 10, 24), new Uint8Array(16).fill(255));
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(a.endsWith('0'.repeat(16))).toBe(true);
    expect(b > a).toBe(true);
  });
  it('is random past the time part', () => {
    expect(ulid()).not.toBe(ulid());
  });
});

describe('isoWithOffset', () => {
  it('writes the local time with the offset, which the API reads as the same instant', () => {
    const d = new Date(Date.UTC(2026, 10, 23, 9, 15, 7));
    const s = isoWithOffset(d);
    expect(s).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(Date.parse(s)).toBe(d.getTime());
  });
});
