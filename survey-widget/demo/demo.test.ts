import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const page = (name: string) => readFileSync(join(import.meta.dirname, name), 'utf8');

describe.each(['tourisme.html', 'mairie.html'])('the demo host page %s', (name) => {
  it('allows its own <style> block by hash, so its strict CSP stays right after an edit', () => {
    const html = page(name);
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    const hash = createHash('sha256').update(css).digest('base64');
    expect(html).toContain(`style-src 'sha256-${hash}'`);
  });

  it('loads the widget from the API origin only, through the placeholders the host server fills', () => {
    const html = page(name);
    expect(html).toContain(`script-src 'self' {{API}}; connect-src {{API}};`);
    expect(html).toContain('<script src="{{API}}/ecoute.js" async></script>');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });
});

describe('the hosted survey page', () => {
  const html = readFileSync(join(import.meta.dirname, '..', 'hosted', 'survey.html'), 'utf8');
  it('allows its own <style> block by hash, scripts from its own host only, and the survey file beside them', () => {
    const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
    expect(html).toContain(`style-src 'sha256-${createHash('sha256').update(css).digest('base64')}'`);
    // connect-src 'self': the survey's public file (surveys/{id}.json) sits beside the page's scripts.
    expect(html).toContain("script-src 'self'; connect-src 'self' {{API}};");
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });
  it('runs its own script before the widget, so the element is drawn once with its survey and channel', () => {
    expect(html.indexOf('<script src="/ecoute-page.js" defer>')).toBeLessThan(
      html.indexOf('<script src="/ecoute.js" defer>'),
    );
  });
});
