/**
 * The data folder of `npm start` holds residents' answers and e-mails, the operator key and
 * the receipt secret: only its owner may read it (folders 0700, files 0600), and a file that
 * matters is written whole or not at all, so an interrupted start never leaves half of one.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Every file created from now on by this process and its children (Java, s3rver) is its owner's alone. */
const PRIVATE_UMASK = 0o077;

/** Creates the folder, or takes back one made before this rule (or by hand): folders 0700, files 0600. */
export function prepareDataDir(dir: string): void {
  process.umask(PRIVATE_UMASK);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tighten = (path: string) => {
    chmodSync(path, 0o700);
    for (const entry of readdirSync(path, { withFileTypes: true })) {
      const child = join(path, entry.name);
      if (entry.isDirectory()) tighten(child);
      else if (entry.isFile()) chmodSync(child, 0o600);
    }
  };
  tighten(dir);
}

/** Writes a file readable by its owner only, atomically: a crash leaves the old content or the new, never a part. */
export function writePrivateFile(path: string, content: string): void {
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, content, { mode: 0o600 });
  renameSync(partial, path);
}

/** A value kept in the data folder: read, or made once and written. */
export function keptValue(path: string, make: () => string): string {
  if (existsSync(path)) {
    const kept = readFileSync(path, 'utf8').trim();
    if (kept) return kept;
  }
  const value = make();
  writePrivateFile(path, value);
  return value;
}
