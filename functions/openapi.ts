/**
 * /openapi.json, built from the routes themselves (functions/routes/router.ts) with zod's own
 * JSON Schema output (draft 2020-12, the dialect of OpenAPI 3.1). Schemas named with
 * `.meta({ id })` (or, in zod's functional API, registered with an `id` in `z.globalRegistry`)
 * become components referenced by `$ref`. The public routes name zod-free stand-ins instead
 * (router.ts); their zod twins come from routes/public-schemas.ts. Built on first request, then kept.
 */
import * as z from 'zod';
import { publicSchemas } from './routes/public-schemas.ts';
import { whoMayCall, type RouteConfig, type Schema } from './routes/router.ts';
import { isSubmission } from './middleware/access.ts';

type Json = Record<string, unknown>;
type Io = 'input' | 'output';

export interface OpenApiInfo {
  title: string;
  version: string;
  description: string;
  license?: { name: string; identifier?: string; url?: string };
}

/** The zod schema a public route names (router.ts `named`, functions/validation): its twin in public-schemas.ts. */
function twinOf(name: string): z.core.$ZodType {
  const twin = Object.hasOwn(publicSchemas, name) ? publicSchemas[name as keyof typeof publicSchemas] : undefined;
  if (!twin) throw new Error(`no schema named ${name} in functions/routes/public-schemas.ts`);
  return twin;
}

/** Turns zod schemas into JSON Schemas whose named parts are shared in `components.schemas`. */
class SchemaSet {
  readonly components: Record<string, Json> = {};
  /** Each schema converted once per direction: the error answers alone recur nine times a route. */
  private readonly converted = {
    input: new WeakMap<Schema, Json>(),
    output: new WeakMap<Schema, Json>(),
  };

  convert(schema: Schema, io: Io): Json {
    const known = this.converted[io].get(schema);
    if (known) return known;
    const json = this.fresh(schema, io);
    this.converted[io].set(schema, json);
    return json;
  }

  private fresh(schema: Schema, io: Io): Json {
    const zod = '_zod' in schema ? schema : twinOf(schema.name);
    const {
      $schema: _dialect,
      $defs,
      ...json
    } = z.toJSONSchema(zod, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
    const open = io === 'output';
    for (const [name, def] of Object.entries(($defs ?? {}) as Record<string, Json>))
      this.add(name, relink(def, open) as Json);
    return relink(json, open) as Json;
  }

  private add(name: string, def: Json) {
    const known = this.components[name];
    if (known && JSON.stringify(known) !== JSON.stringify(def))
      throw new Error(`two different schemas are named ${name} in the OpenAPI document`);
    this.components[name] = def;
  }
}

/**
 * `#/$defs/X` (zod's local references) → `#/components/schemas/X`. With `open`, answers say
 * nothing of extra properties: the contract adds fields and never breaks, so a client must
 * not be told to reject one it does not know yet.
 */
function relink(value: unknown, open: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => relink(v, open));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([k, v]) => !(open && k === 'additionalProperties' && v === false))
      .map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' ? v.replace('#/$defs/', '#/components/schemas/') : relink(v, open),
      ]),
  );
}

function parameters(set: SchemaSet, where: 'path' | 'query', schema: Schema | undefined): Json[] {
  if (!schema) return [];
  const json = set.convert(schema, 'input');
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries((json.properties ?? {}) as Record<string, Json>).map(
    ([name, { description, ...property }]) => ({
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description === undefined ? {} : { description }),
      schema: property,
    }),
  );
}

function content(set: SchemaSet, media: Record<string, { schema: Schema }>, io: Io): Json {
  return Object.fromEntries(
    Object.entries(media).map(([type, { schema }]) => [type, { schema: set.convert(schema, io) }]),
  );
}

/** A public submission takes the same JSON labelled `text/plain` too (a CORS simple request: functions/middleware/body.ts). */
function bodyContent(set: SchemaSet, route: RouteConfig, media: Record<string, { schema: Schema }>): Json {
  const json = content(set, media, 'input');
  return isSubmission(route) ? { ...json, 'text/plain': json['application/json'] } : json;
}

function operation(set: SchemaSet, route: RouteConfig): Json {
  const { params, query, body } = route.request ?? {};
  const parameterList = [...parameters(set, 'path', params), ...parameters(set, 'query', query)];
  return {
    operationId: route.operationId,
    summary: `${route.summary} (${whoMayCall(route.access)})`,
    ...(route.description ? { description: route.description } : {}),
    // Public operations say so (`[]`): without `security`, a reader cannot tell them from forgotten ones.
    security: route.access === 'public' ? [] : [{ bearer: [] }],
    ...(parameterList.length ? { parameters: parameterList } : {}),
    ...(body ? { requestBody: { required: body.required, content: bodyContent(set, route, body.content) } } : {}),
    responses: Object.fromEntries(
      Object.entries(route.responses).map(([status, r]) => [
        status,
        { description: r.description, ...(r.content ? { content: content(set, r.content, 'output') } : {}) },
      ]),
    ),
  };
}

export function openApiDocument(routes: readonly RouteConfig[], info: OpenApiInfo): Json {
  const set = new SchemaSet();
  const paths: Record<string, Record<string, Json>> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method] = operation(set, route);
  return {
    openapi: '3.1.0',
    info,
    // Relative: the API that serves this document.
    servers: [{ url: '/', description: 'the server that serves this document' }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, schemas: set.components },
    paths,
  };
}
