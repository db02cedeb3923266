import { describe, expect, it } from 'vitest';
import { axeViolations, launch } from '#widget/test/browser.ts';
import { apiDocsPage, DOCS_CSP } from './api-docs.ts';
import { testApp } from './testing/harness.ts';

const t = await testApp();
const contract = (await t.call('GET', '/openapi.json')).json as {
  paths: Record<string, Record<string, { summary: string }>>;
  components: { schemas: Record<string, unknown> };
};
const page = await t.call('GET', '/docs');

describe('GET /docs', () => {
  it('is one page under a CSP that allows no script nor any resource', () => {
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')?.toLowerCase()).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(DOCS_CSP);
    expect(DOCS_CSP).toMatch(/^default-src 'none'; style-src 'unsafe-inline';/);
    expect(page.text).not.toMatch(/<script|<link|<img|<iframe|@import|url\(|src=/i);
  });

  it('names every operation of /openapi.json, linked from the table of contents, and every schema', () => {
    const operations = Object.entries(contract.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })),
    );
    expect(operations.length).toBeGreaterThan(30);
    const anchors = [
      ...page.text.matchAll(/<h3 id="(op-[^"]+)"><span class="method">(\w+)<\/span> <code>([^<]+)<\/code>/g),
    ];
    expect(anchors.map(([, , method, path]) => `${method} ${path}`).sort()).toEqual(
      operations.map((o) => `${o.method} ${o.path}`).sort(),
    );
    for (const [, anchor] of anchors) expect(page.text, anchor).toContain(`href="#${anchor}"`);
    for (const name of Object.keys(contract.components.schemas))
      expect(page.text, name).toContain(`<h3 id="schema-${name}">${name}</h3>`);
  });
});

describe('apiDocsPage', () => {
  it('escapes every text of the document', () => {
    const evil = `<img src=x onerror=alert(1)>"'&`;
    const html = apiDocsPage({
      info: { title: evil, version: evil, description: evil },
      servers: [{ url: evil }],
      paths: {
        [`/v1/${evil}`]: {
          get: {
            summary: `${evil} \`${evil}\``,
            parameters: [{ name: evil, in: 'query', schema: { type: 'string', enum: [evil], pattern: evil } }],
            responses: { 200: { description: evil, content: { 'text/plain': { schema: { const: evil } } } } },
          },
        },
      },
      components: { schemas: { Thing: { type: 'object', properties: { [evil]: { type: 'string' } } } } },
    });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;');
  });
});

describe('the /docs page in Chromium', () => {
  it('has no axe violation and requests nothing', async () => {
    const browser = await launch();
    try {
      const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const requests: string[] = [];
      tab.on('request', (r) => requests.push(r.url()));
      await tab.setContent(page.text, { waitUntil: 'load' });
      expect(await axeViolations(tab)).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
