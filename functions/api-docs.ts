/**
 * `/docs`: the OpenAPI document of `/openapi.json` as one static page, rendered on the server.
 * No script and no external resource (Redoc's page loads its script from a CDN: docs/api.md
 * says why we render our own), so it reads offline, prints, and its CSP allows nothing else.
 */
import * as z from 'zod';
import { html, type Markup, type Part } from '#analytics/render/markup.ts';

/** No script, no resource from anywhere: only the page's own styles. */
export const DOCS_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

type Schema = Record<string, unknown>;
const Schema = z.record(z.string(), z.unknown());
const Media = z.record(z.string(), z.looseObject({ schema: Schema.optional() }));
const Operation = z.looseObject({
  operationId: z.string().optional(),
  summary: z.string().default(''),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  security: z.array(z.record(z.string(), z.array(z.string()))).optional(),
  parameters: z
    .array(
      z.looseObject({
        name: z.string(),
        in: z.string(),
        required: z.boolean().optional(),
        description: z.string().optional(),
        schema: Schema.optional(),
      }),
    )
    .default([]),
  requestBody: z.looseObject({ required: z.boolean().optional(), content: Media }).optional(),
  responses: z.record(z.string(), z.looseObject({ description: z.string().default(''), content: Media.optional() })),
});
type Operation = z.infer<typeof Operation>;
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
export const OpenApiDocument = z.looseObject({
  info: z.looseObject({ title: z.string(), version: z.string(), description: z.string().optional() }),
  servers: z.array(z.looseObject({ url: z.string(), description: z.string().optional() })).optional(),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.looseObject({ schemas: z.record(z.string(), Schema).optional() }).optional(),
});
type OpenApiDocument = z.infer<typeof OpenApiDocument>;

interface Entry {
  method: string;
  path: string;
  op: Operation;
  anchor: string;
}

/** Text with `code` spans, as the summaries write it. */
const prose = (text: string): Markup =>
  html`${text.split('`').map((part, i) => (i % 2 ? html`<code>${part}</code>` : part))}`;

const anchorOf = (method: string, path: string, op: Operation) =>
  `op-${op.operationId ?? `${method}${path}`.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;
const schemaAnchor = (name: string) => `schema-${name}`;

/** A short type expression: `string (date)`, `"live" | "closed"`, `Suggestion[]`, a link for a named schema. */
function typeOf(s: Schema | undefined): Part {
  if (!s) return 'any';
  const ref = s.$ref;
  if (typeof ref === 'string') {
    const name = ref.split('/').at(-1) ?? ref;
    return html`<a href="#${schemaAnchor(name)}">${name}</a>`;
  }
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (Array.isArray(s.enum)) return s.enum.map((v) => JSON.stringify(v)).join(' | ');
  const alternatives = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (Array.isArray(alternatives)) return alternatives.map((a, i) => [i ? ' | ' : '', typeOf(a)]);
  if (s.type === 'array') return [typeOf(s.items as Schema | undefined), '[]'];
  const type = Array.isArray(s.type) ? s.type.join(' | ') : typeof s.type === 'string' ? s.type : 'any';
  return typeof s.format === 'string' ? `${type} (${s.format})` : type;
}

/** Limits a reader needs: lengths, bounds, patterns, defaults. */
function limitsOf(s: Schema): string {
  const said: string[] = [];
  const add = (key: string, label: string) => s[key] !== undefined && said.push(`${label} ${JSON.stringify(s[key])}`);
  add('minLength', 'min length');
  add('maxLength', 'max length');
  add('minimum', '≥');
  add('maximum', '≤');
  add('minItems', 'min items');
  add('maxItems', 'max items');
  if (s.format === undefined) add('pattern', 'pattern'); // a format (date…) says it better than its regex
  add('default', 'default');
  return said.join(', ');
}

interface Field {
  name: string;
  schema: Schema;
  required: boolean;
}

/** The fields of an object schema, nested ones named with dots (`contact.email`, `items[].id`). */
function fieldsOf(s: Schema, prefix = '', depth = 0): Field[] {
  if (depth > 4) return [];
  const objectOf = (x: Schema): Schema | undefined =>
    x.type === 'array' && x.items && typeof x.items === 'object' ? (x.items as Schema) : x;
  const properties = (s.properties ?? {}) as Record<string, Schema>;
  const required = new Set((s.required ?? []) as string[]);
  return Object.entries(properties).flatMap(([name, p]) => {
    const full = `${prefix}${name}`;
    const inner = objectOf(p);
    const nested = inner?.properties ? fieldsOf(inner, `${full}${inner === p ? '' : '[]'}.`, depth + 1) : [];
    return [{ name: full, schema: p, required: required.has(name) }, ...nested];
  });
}

function schemaTable(s: Schema | undefined, caption: string): Part {
  if (!s) return null;
  const fields = s.properties ? fieldsOf(s) : [];
  if (fields.length === 0) return html`<p>${caption}: <code>${typeOf(s)}</code></p>`;
  return html`<table><caption>${caption}</caption>
<thead><tr><th scope="col">field</th><th scope="col">type</th><th scope="col">required</th><th scope="col">notes</th></tr></thead>
<tbody>${fields.map(
    (f) =>
      html`<tr><th scope="row"><code>${f.name}</code></th><td><code>${typeOf(f.schema)}</code></td><td>${f.required ? 'yes' : ''}</td><td>${prose(
        [typeof f.schema.description === 'string' ? f.schema.description : '', limitsOf(f.schema)]
          .filter(Boolean)
          .join('; '),
      )}</td></tr>`,
  )}</tbody></table>`;
}

function operationSection(e: Entry): Markup {
  const { op } = e;
  const secured = (op.security ?? []).some((s) => Object.keys(s).length > 0);
  const success = Object.entries(op.responses).filter(([status]) => status < '400');
  const errors = Object.keys(op.responses).filter((status) => status >= '400');
  const body = op.requestBody ? Object.entries(op.requestBody.content) : [];
  return html`<section aria-labelledby="${e.anchor}">
<h3 id="${e.anchor}"><span class="method">${e.method.toUpperCase()}</span> <code>${e.path}</code></h3>
<p>${prose(op.summary)}</p>
${op.description ? html`<p>${prose(op.description)}</p>` : null}
<p class="auth">${secured ? html`Needs a key: <code>Authorization: Bearer …</code>` : 'Public: no key.'}${
    op.operationId ? html` Operation id <code>${op.operationId}</code>.` : null
  }</p>
${
  op.parameters.length
    ? html`<table><caption>Parameters</caption>
<thead><tr><th scope="col">name</th><th scope="col">in</th><th scope="col">type</th><th scope="col">required</th><th scope="col">notes</th></tr></thead>
<tbody>${op.parameters.map(
        (p) =>
          html`<tr><th scope="row"><code>${p.name}</code></th><td>${p.in}</td><td><code>${typeOf(p.schema)}</code></td><td>${
            p.required ? 'yes' : ''
          }</td><td>${prose([p.description ?? '', p.schema ? limitsOf(p.schema) : ''].filter(Boolean).join('; '))}</td></tr>`,
      )}</tbody></table>`
    : null
}
${body.map(([type, m]) => schemaTable(m.schema, `Request body (${type}${op.requestBody?.required ? ', required' : ''})`))}
${success.map(
  ([status, r]) => html`<p><strong>${status}</strong> ${prose(r.description)}</p>
${Object.entries(r.content ?? {}).map(([type, m]) => schemaTable(m.schema, `${status} answer (${type})`))}`,
)}
${errors.length ? html`<p class="errors">Errors: ${errors.join(', ')}, each in the <a href="#schema-Error">error shape</a>.</p>` : null}
</section>`;
}

/** Operations by their first tag, else by the resource their path names (`/v1/surveys/…` → surveys). */
function groups(doc: OpenApiDocument): Map<string, Entry[]> {
  const out = new Map<string, Entry[]>();
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      if (item[method] === undefined) continue;
      const op = Operation.parse(item[method]);
      const group = op.tags?.[0] ?? path.split('/').filter(Boolean)[1] ?? 'other';
      const list = out.get(group) ?? [];
      list.push({ method, path, op, anchor: anchorOf(method, path, op) });
      out.set(group, list);
    }
  }
  return out;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;margin:0}
header,main,nav{max-width:64rem;margin:0 auto;padding:0 1rem}
a{color:#0b4f9c}code{font-family:ui-monospace,monospace;font-size:.92em;overflow-wrap:anywhere}
h2{border-bottom:2px solid #0b4f9c;margin-top:2.5rem}h3{margin-top:2rem}
.method{display:inline-block;min-width:4.5rem;font-family:ui-monospace,monospace;color:#fff;background:#0b4f9c;padding:0 .4rem;border-radius:3px}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.95rem}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #767676;padding:.25rem .5rem;text-align:left;vertical-align:top}
thead th{background:#eef2f7}th[scope=row] code{white-space:nowrap}.auth,.errors{color:#3d3d3d}
nav ul{columns:2 22rem;padding-left:1.2rem}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem}
@media print{nav,.skip{display:none}}`;

/** The whole page. */
export function apiDocsPage(input: unknown): string {
  const doc = OpenApiDocument.parse(input);
  const byGroup = groups(doc);
  const schemas = Object.entries(doc.components?.schemas ?? {});
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${doc.info.title} ${doc.info.version} — reference</title><style>${STYLE}</style></head>
<body><a class="skip" href="#main">Skip to the operations</a>
<header><h1>${doc.info.title} <small>${doc.info.version}</small></h1>
${doc.info.description ? html`<p>${prose(doc.info.description)}</p>` : null}
<p>Every operation of <a href="/openapi.json"><code>/openapi.json</code></a> (OpenAPI 3.1), rendered on the server.
How to call them (keys, errors, idempotency, CORS, limits, examples) is in the repository's <code>docs/api.md</code>.</p>
<p lang="fr">Référence de l’API Écoute, générée depuis <code>/openapi.json</code> ; le guide d’utilisation est <code>docs/api.md</code>.</p>
${doc.servers?.length ? html`<p>Servers: ${doc.servers.map((s, i) => [i ? ', ' : '', html`<code>${s.url}</code>`, s.description ? ` (${s.description})` : ''])}</p>` : null}
</header>
<nav aria-label="Operations"><h2>Operations</h2>${[...byGroup].map(
    ([group, entries]) =>
      html`<h3>${group}</h3><ul>${entries.map(
        (e) => html`<li><a href="#${e.anchor}">${e.method.toUpperCase()} <code>${e.path}</code></a></li>`,
      )}</ul>`,
  )}${schemas.length ? html`<h3>Schemas</h3><ul>${schemas.map(([name]) => html`<li><a href="#${schemaAnchor(name)}">${name}</a></li>`)}</ul>` : null}</nav>
<main id="main">${[...byGroup].map(([group, entries]) => html`<h2>${group}</h2>${entries.map(operationSection)}`)}
${
  schemas.length
    ? html`<h2>Schemas</h2>${schemas.map(
        ([name, s]) => html`<section aria-labelledby="${schemaAnchor(name)}"><h3 id="${schemaAnchor(name)}">${name}</h3>
${typeof s.description === 'string' ? html`<p>${prose(s.description)}</p>` : null}${schemaTable(s, `${name} fields`)}</section>`,
      )}`
    : null
}
</main></body></html>`.text;
}
