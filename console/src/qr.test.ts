/**
 * The QR codes the console prints are read back by another decoder (jsQR, independent of the
 * encoder): the SVG's path is drawn into pixels by a tiny rasteriser of our own and decoded.
 */
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { qrModules, qrPath, qrSvgFile } from './qr.ts';

/** Pixels of the path (only the `M x y h w v1 h-w z` runs qrPath writes), `scale` pixels a module. */
function rasterise(path: string, size: number, scale = 6): Uint8ClampedArray {
  const px = new Uint8ClampedArray(size * scale * size * scale * 4).fill(255);
  for (const [, x, y, w] of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let dy = 0; dy < scale; dy++)
      for (let dx = 0; dx < Number(w) * scale; dx++) {
        const i = ((Number(y) * scale + dy) * size * scale + Number(x) * scale + dx) * 4;
        px[i] = px[i + 1] = px[i + 2] = 0;
      }
  }
  return px;
}

const decode = (text: string) => {
  const modules = qrModules(text);
  const side = modules.length * 6;
  return jsQR(rasterise(qrPath(modules), modules.length), side, side)?.data;
};

describe('the QR code of a hosted survey', () => {
  it.each([
    'https://d111111abcdef8.cloudfront.net/s/visiteurs-2026?channel=qr',
    'http://127.0.0.1:8787/s/s-0123456789abcdef?channel=qr',
    `https://www.example.fr/s/${'x'.repeat(60)}?channel=qr`,
  ])('decodes back to %s', (url) => {
    expect(decode(url)).toBe(url);
  });

  it('draws nothing but dark modules, and writes a standalone SVG with the link as its title', () => {
    const text = 'https://example.fr/s/a?channel=qr&x=<b>';
    const modules = qrModules(text);
    const dark = modules.flat().filter(Boolean).length;
    const drawn = [...qrPath(modules).matchAll(/h(\d+)v/g)].reduce((s, m) => s + Number(m[1]), 0);
    expect(drawn).toBe(dark);
    const svg = qrSvgFile(text);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 (\d+) \1"/);
    expect(svg).toContain('<title>https://example.fr/s/a?channel=qr&amp;x=&lt;b&gt;</title>');
  });
});
