/**
 * The receipts the API gives for each stored response (201 `{id, receipt}`), kept on this
 * browser for 30 days: with one, the person can withdraw their answer
 * (`DELETE /v1/responses/{id}?receipt=…`) from the thank-you screen or on a later visit.
 */
import { MAX_AGE_MS } from './retry.ts';
import { readJson, writeJson } from './storage.ts';

const KEY = 'ecoute:receipts';

export interface Kept {
  id: string;
  receipt: string;
  /** Where the response was posted: which survey, through which API. */
  url: string;
  at: number;
}

const load = (now: number) => readJson<Kept[]>(KEY, []).filter((k) => now - k.at < MAX_AGE_MS);
// Storage disabled: nothing to withdraw on a later visit; the thank-you screen still can.
const save = (list: Kept[]) => writeJson(KEY, list);

export function keepReceipt(url: string, id: string, receipt: unknown, now = Date.now()): void {
  if (typeof receipt === 'string') save([...load(now).filter((k) => k.id !== id), { id, receipt, url, at: now }]);
}

/** The newest receipt for this survey's responses, within 30 days. */
export function keptReceipt(url: string, now = Date.now()): Kept | undefined {
  return load(now)
    .filter((k) => k.url === url)
    .pop();
}

export function forgetReceipt(id: string): void {
  save(load(Date.now()).filter((k) => k.id !== id));
}
