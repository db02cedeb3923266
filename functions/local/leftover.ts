/**
 * A start killed outright (SIGKILL, the machine's out-of-memory killer) runs no exit handler,
 * so its DynamoDB Local keeps running on the data folder. The folder remembers the process
 * id of the one it started; the next start ends that process if it is still a DynamoDB Local
 * of this folder, so a crash leaves nothing behind after the next `npm start`.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { writePrivateFile } from './data-dir.ts';

const pidFile = (dbPath: string) => join(dbPath, 'dynamodb-local.pid');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The command line of a process, or undefined when there is none (POSIX `ps`, on Linux and macOS alike). */
function commandOf(pid: number): string | undefined {
  try {
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
  } catch {
    return undefined;
  }
}

export async function endLeftoverDynamo(dbPath: string): Promise<void> {
  const file = pidFile(dbPath);
  if (!existsSync(file)) return;
  const pid = Number(readFileSync(file, 'utf8'));
  rmSync(file, { force: true });
  const command = Number.isInteger(pid) && pid > 0 ? commandOf(pid) : undefined;
  // Only a DynamoDB Local of this very folder: a reused process id may now belong to anything.
  if (!command?.includes('DynamoDBLocal') || !command.includes(dbPath)) return;
  process.kill(pid, 'SIGTERM');
  for (let waited = 0; alive(pid) && waited < 5000; waited += 100) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) process.kill(pid, 'SIGKILL');
}

export function rememberDynamo(dbPath: string, pid: number | undefined): void {
  if (pid) writePrivateFile(pidFile(dbPath), String(pid));
}
