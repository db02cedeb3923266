/** `npm start`: the whole product on this machine until Ctrl-C, then every process stops with it. */
import { resolve } from 'node:path';
import { startProduct } from './product.ts';

const port = Number(process.env.PORT ?? 8787);
const dataDir = resolve(process.env.ECOUTE_DATA_DIR ?? '.data');

console.log(`Écoute: starting DynamoDB Local and s3rver in ${dataDir}…`);
const product = await startProduct({
  dataDir,
  port,
  hostPort: port + 1,
  operatorKey: process.env.ECOUTE_OPERATOR_KEY || undefined,
});

console.log(`
Écoute is running.
  staff console       ${product.apiUrl}/console/    (sign in with the operator key or the demo admin key below)
  API                 ${product.apiUrl}            (health: ${product.apiUrl}/health, contract: ${product.apiUrl}/openapi.json)
  API reference       ${product.apiUrl}/docs          (the OpenAPI document as a page)
  widget script       ${product.apiUrl}/ecoute.js
  tourism office page ${product.hostUrl}/tourisme.html   (another origin: the widget crosses it with CORS)
  city hall page      ${product.hostUrl}/mairie.html
  operator key        ${product.operatorKey}
  demo territory      "${product.demo.territory}", live survey "${product.demo.surveyId}"
  demo admin key      ${product.demo.adminKey}
Press Ctrl-C to stop.`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping the API, DynamoDB Local and s3rver…`);
  await product.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
