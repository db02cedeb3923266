/**
 * `npm start`: the whole product on this machine until Ctrl-C, then every process stops with
 * it. Ctrl-C is heard from the first moment: a start stopped while it seeds the demo stops
 * Java and s3rver too, and the next start carries on where it was.
 */
import { resolve } from 'node:path';
import { startProduct, type Product } from './product.ts';

const port = Number(process.env.PORT ?? 8787);
const dataDir = resolve(process.env.ECOUTE_DATA_DIR ?? '.data');

const starting = new AbortController();
let product: Product | undefined;
/** When the first Ctrl-C (or SIGTERM) came; undefined while running. */
let stoppingSince: number | undefined;
/**
 * A signal this soon after the first is the same Ctrl-C reaching us a second way (the terminal
 * signals the whole group, and npm passes it on to what it runs), not a second press: stopping at
 * once then would cut a night short under its work queue's drain.
 */
const SAME_PRESS_MS = 1500;
async function shutdown(signal: string) {
  if (stoppingSince !== undefined) {
    // A second Ctrl-C does not wait: the exit handler of stack.ts still takes Java down.
    if (Date.now() - stoppingSince > SAME_PRESS_MS) process.exit(130);
    return;
  }
  stoppingSince = Date.now();
  console.log(`\n${signal}: stopping the API, DynamoDB Local and s3rver…`);
  starting.abort(new Error(`stopped by ${signal}`));
  await product?.stop();
  // Still starting: startProduct stops what it started, then the rejection below ends the process.
  if (product) process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

console.log(`Écoute: starting DynamoDB Local and s3rver in ${dataDir}…`);
try {
  product = await startProduct({
    dataDir,
    port,
    hostPort: port + 1,
    operatorKey: process.env.ECOUTE_OPERATOR_KEY || undefined,
    progress: (message) => console.log(`Écoute: ${message}`),
    signal: starting.signal,
  });
} catch (e) {
  if (!starting.signal.aborted) throw e;
  console.log('Stopped before the start was complete; the next `npm start` carries on from there.');
  process.exit(130);
}
if (stoppingSince !== undefined) await product.stop().then(() => process.exit(0));

const demo = product.demo
  ? `  demo territory      "${product.demo.territory}", live survey "${product.demo.surveyId}"
  demo admin key      ${product.demo.adminKey}`
  : `  demo territory      not ready: ${product.seedFailure}
                      (everything else works; the next start tries the demo again)`;
console.log(`
Écoute is running.
  staff console       ${product.apiUrl}/console/    (sign in with the operator key or the demo admin key below)
  API                 ${product.apiUrl}            (health: ${product.apiUrl}/health, contract: ${product.apiUrl}/openapi.json)
  API reference       ${product.apiUrl}/docs          (the OpenAPI document as a page)
  widget script       ${product.apiUrl}/ecoute.js
  tourism office page ${product.hostUrl}/tourisme.html   (another origin: the widget crosses it with CORS)
  city hall page      ${product.hostUrl}/mairie.html
  survey page         ${product.apiUrl}/s/${product.demo?.surveyId ?? 'SURVEY'}   (?channel=qr, email or kiosk; &lang=en)
  operator key        ${product.operatorKey}
${demo}
Press Ctrl-C to stop.`);
