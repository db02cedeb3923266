import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the bundling project root and where relative paths start. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
