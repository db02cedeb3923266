/** Response ids and instants, made on the device. */

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A ULID: 48 bits of milliseconds then 80 random bits, Crockford base 32 (works outside secure contexts, unlike randomUUID). */
export function ulid(
  now: number = Date.now(),
  random: Uint8Array = crypto.getRandomValues(new Uint8Array(16)),
): string {
  let time = '';
  for (let n = now, i = 0; i < 10; i++, n = Math.floor(n / 32)) time = CROCKFORD[n % 32] + time;
  let rest = '';
  for (let i = 0; i < 16; i++) rest += CROCKFORD[(random[i] ?? 0) & 31];
  return time + rest;
}

const two = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');

/** ISO 8601 in the device's own offset (`2026-11-23T10:15:00+01:00`): the API places the answer in its day. */
export function isoWithOffset(d: Date): string {
  const offset = -d.getTimezoneOffset();
  // The wall-clock time is the instant moved by the offset, written as if it were UTC.
  const wall = new Date(d.getTime() + offset * 60_000).toISOString().slice(0, 19);
  return `${wall}${offset < 0 ? '-' : '+'}${two(offset / 60)}:${two(offset % 60)}`;
}
