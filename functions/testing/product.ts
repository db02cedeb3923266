/** The full local product on free ports and a temporary data folder, for end-to-end tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startProduct, type Product, type ProductOptions } from '../local/product.ts';
import type { DemoSeed } from '../local/seed.ts';

export async function startLocalProduct(
  options: Partial<ProductOptions> = {},
): Promise<Product & { dataDir: string; demo: DemoSeed }> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ecoute-product-'));
  const product = await startProduct({ demoHistoryDays: 0, dbTimeoutMs: 1500, ...options, dataDir });
  const stop = async () => {
    await product.stop();
    if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  const { demo } = product;
  if (!demo) {
    await stop();
    throw new Error(`the demo was not seeded: ${product.seedFailure}`);
  }
  return { ...product, dataDir, demo, stop };
}
