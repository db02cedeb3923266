/**
 * The Node.js of the Lambda runtime, which scripts/preflight.mjs unpacks (its compilers, module
 * loading and source maps differ from older majors'); this machine's Node when it has not. Suites
 * that measure what runs on Lambda run it there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { nodeMajor } from '../infra/bundling.ts';
import { repoRoot } from '../infra/config.ts';

const unpacked = join(repoRoot, 'node_modules/.cache', `lambda-node-${nodeMajor}`, 'bin/node');
export const runtimeNode = existsSync(unpacked) ? unpacked : process.execPath;
export const runtimeNodeVersion = spawnSync(runtimeNode, ['--version'], { encoding: 'utf8' }).stdout.trim();
