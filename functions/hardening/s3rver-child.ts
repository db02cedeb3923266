/** s3rver in a process of its own, for the full-disk test: its failed writes must not crash the test runner. */
import { startS3Local } from '../local/stack.ts';

const s3 = await startS3Local(process.argv[2] ?? '.');
process.stdout.write(`${s3.endpoint}\n`);
process.on('uncaughtException', (e) => process.stderr.write(`s3rver: ${e.message}\n`));
