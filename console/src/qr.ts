/**
 * The QR code of a hosted survey's link, as an SVG to print on a counter card or a poster:
 * paulmillr's `qr` encoder (no dependency, about 5 KB) gives the modules, and each row's runs of
 * dark modules become one path, so the SVG stays small and sharp at any size.
 */
import { encodeQR } from 'qr';

/** The modules, dark = true, with the quiet zone of four modules the standard asks for. */
export const qrModules = (text: string): boolean[][] => encodeQR(text, 'raw', { ecc: 'medium', border: 4 });

/** One SVG path for the dark modules, in module units. */
export function qrPath(modules: boolean[][]): string {
  const parts: string[] = [];
  modules.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (row[x]) x++;
      parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  });
  return parts.join('');
}

/** A standalone SVG file of the code, with its link as title (for the download). */
export function qrSvgFile(text: string): string {
  const modules = qrModules(text);
  const size = modules.length;
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" width="${size * 8}" height="${size * 8}" shape-rendering="crispEdges"><title>${escaped}</title><rect width="${size}" height="${size}" fill="#fff"/><path d="${qrPath(modules)}" fill="#000"/></svg>\n`;
}
