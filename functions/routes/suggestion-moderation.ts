/**
 * Moderation of the suggestion box (moderator and admin keys): the list with filters and
 * paging, one suggestion with its contact and history, status changes with the public answer,
 * internal notes, hiding, merging duplicates and erasing a contact. Every change is recorded
 * with the key's label and id and the instant.
 */
import * as z from 'zod';
import type { Context } from 'hono';
import { hasContactDetails } from '#analytics/suggestion-text.ts';
import { ConflictError, NotFoundError, ValidationFailedError } from '../errors.ts';
import type { AppEnv, Deps } from '../deps.ts';
import { suggestionSettingsOf, type ApiKeyRecord } from '../model.ts';
import { parseCursor } from '../store/suggestions.ts';
import {
  HistoryEntry,
  OUTCOMES,
  type SuggestionOutcome,
  SuggestionRecord,
  SuggestionStatus,
  canMove,
  canonicalCode,
  monthsLater,
} from '../suggestion.ts';
import { tellResident, worthTelling } from '../suggestion-mail.ts';
import { createRoute, errors, jsonBody, jsonResponse, newRouter } from './router.ts';
import { TerritoryParam } from './public-schemas.ts';
import { callerKey, scopedSuggestion, scopedTerritory } from './scoped.ts';

const CodeParam = z.object({ code: z.string().min(1).max(40) });
const moderators = { roles: ['moderator', 'admin'] } as const;
const byCode = { from: 'suggestion', param: 'code' } as const;
const Text = z.string().trim().min(1).max(5000);

const list = createRoute({
  method: 'get',
  path: '/v1/territories/{t}/suggestions',
  operationId: 'listSuggestions',
  summary: "The territory's suggestions, newest first, with the full text",
  description:
    'Pass `next` back as `cursor` for the following page; `next` is null on the last one. A page may hold fewer than `limit` items when filters apply.',
  access: moderators,
  territory: { from: 'param', name: 't' },
  request: {
    params: TerritoryParam,
    query: z.object({
      status: z.optional(SuggestionStatus),
      category: z.string().max(64).optional(),
      hidden: z.enum(['true', 'false']).optional(),
      cursor: z.string().max(2000).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(50),
    }),
  },
  responses: {
    200: jsonResponse('a page', z.object({ items: z.array(SuggestionRecord), next: z.string().nullable() })),
    ...errors,
  },
});
const details = createRoute({
  method: 'get',
  path: '/v1/suggestions/{code}/details',
  operationId: 'getSuggestionDetails',
  summary:
    'One suggestion for moderators: full text, contact (when consented and not yet deleted), history with who and when',
  access: moderators,
  territory: byCode,
  request: { params: CodeParam },
  responses: {
    200: jsonResponse(
      'details',
      z.object({
        suggestion: SuggestionRecord,
        contact: z.object({ email: z.string() }).nullable(),
        history: z.array(HistoryEntry),
      }),
    ),
    ...errors,
  },
});
/** Something the moderator should look at again, though the change is made. */
const Warning = z.object({ code: z.literal('contact_details'), path: z.string(), message: z.string() });
const patch = createRoute({
  method: 'patch',
  path: '/v1/suggestions/{code}',
  operationId: 'moveSuggestion',
  summary: 'Move a suggestion along its lifecycle, with the public answer',
  description:
    'received → in_review → answered | planned | declined | duplicate → done; anything else is 409. `answered` needs an answer. ' +
    'The same status again with an `answer` corrects the answer. The answer is public as written: `warnings` says when it carries ' +
    'an e-mail address or a phone number. A resident who consented to contact is told of each change they would notice (not of in_review).',
  access: moderators,
  territory: byCode,
  request: { params: CodeParam, body: jsonBody(z.object({ status: SuggestionStatus, answer: Text.optional() })) },
  responses: {
    200: jsonResponse('changed', z.object({ ...SuggestionRecord.shape, warnings: z.array(Warning).optional() })),
    ...errors,
  },
});
const note = createRoute({
  method: 'post',
  path: '/v1/suggestions/{code}/notes',
  operationId: 'addSuggestionNote',
  summary: 'Add an internal note, never shown to the resident',
  access: moderators,
  territory: byCode,
  request: { params: CodeParam, body: jsonBody(z.object({ note: Text })) },
  responses: { 201: jsonResponse('noted', HistoryEntry), ...errors },
});
const visibility = createRoute({
  method: 'post',
  path: '/v1/suggestions/{code}/visibility',
  operationId: 'setSuggestionVisibility',
  summary: 'Hide abusive content from indicators and the open-data export, or show it again',
  access: moderators,
  territory: byCode,
  request: { params: CodeParam, body: jsonBody(z.object({ hidden: z.boolean() })) },
  responses: { 200: jsonResponse('changed', SuggestionRecord), ...errors },
});
const merge = createRoute({
  method: 'post',
  path: '/v1/suggestions/{code}/merge',
  operationId: 'mergeSuggestion',
  summary: 'Mark a suggestion (received or in review) as a duplicate of another one',
  description:
    'Its status becomes `duplicate`, and its public view shows where the other one stands (`merged`), never its code.',
  access: moderators,
  territory: byCode,
  request: { params: CodeParam, body: jsonBody(z.object({ into: z.string().min(1).max(40) })) },
  responses: { 200: jsonResponse('merged', SuggestionRecord), ...errors },
});
const eraseContact = createRoute({
  method: 'delete',
  path: '/v1/suggestions/{code}/contact',
  operationId: 'eraseSuggestionContact',
  summary: "Delete the resident's contact now, on request",
  access: moderators,
  territory: byCode,
  request: { params: CodeParam },
  responses: { 204: { description: 'deleted (or there was none)' }, ...errors },
});

export function suggestionModerationApp(deps: Deps) {
  const app = newRouter(deps);
  const { suggestions } = deps.stores;
  const nowSeconds = () => Math.floor(deps.now().getTime() / 1000);

  const owned = (c: Context<AppEnv>) => ({ s: scopedSuggestion(c), key: callerKey(c) });

  const by = (key: ApiKeyRecord) => ({ by: key.label, keyId: key.id });

  async function changed(code: string): Promise<SuggestionRecord> {
    const s = await suggestions.get(code, true);
    if (!s) throw new NotFoundError('suggestion');
    return s;
  }

  /** Tells the resident what they would notice, and warns the moderator of contact details in the public answer. */
  async function told(before: SuggestionRecord, after: SuggestionRecord) {
    if (worthTelling(before, after)) await tellResident(deps, after);
    const quoted = after.answer && after.answer.text !== before.answer?.text && hasContactDetails(after.answer.text);
    if (!quoted) return after;
    const message = 'the public answer carries an e-mail address or a phone number: residents read it as written';
    return { ...after, warnings: [{ code: 'contact_details' as const, path: 'answer', message }] };
  }

  const moved = (ok: boolean) => {
    if (!ok) throw new ConflictError('the suggestion changed meanwhile; reload it and try again');
  };

  app.openapi(list, async (c) => {
    const t = scopedTerritory(c).id;
    const { status, category, hidden, cursor, limit } = c.req.valid('query');
    const start = cursor === undefined ? undefined : parseCursor(t, cursor);
    if (cursor !== undefined && !start)
      throw new ValidationFailedError('bad cursor', [
        { path: 'cursor', message: 'pass back the `next` of a previous page' },
      ]);
    const page = await suggestions.list(
      t,
      { status, category, hidden: hidden === undefined ? undefined : hidden === 'true' },
      limit,
      start,
    );
    return c.json(page, 200);
  });

  app.openapi(details, async (c) => {
    const { s } = owned(c);
    const [contact, history] = await Promise.all([
      s.hasContact ? suggestions.contact(s.code, nowSeconds()) : undefined,
      suggestions.history(s.code),
    ]);
    return c.json({ suggestion: s, contact: contact ?? null, history }, 200);
  });

  app.openapi(patch, async (c) => {
    const { s, key } = owned(c);
    const { status, answer } = c.req.valid('json');
    const at = deps.now().toISOString();
    if (status === s.status) {
      if (answer === undefined) return c.json(s, 200);
      moved(
        await suggestions.change(
          s.code,
          s.status,
          { answer: { text: answer, at }, updatedAt: at },
          { at, action: 'answer', ...by(key), answer },
        ),
      );
      return c.json(await told(s, await changed(s.code)), 200);
    }
    if (!canMove(s.status, status)) throw new ConflictError(`a suggestion cannot go from ${s.status} to ${status}`);
    if (status === 'answered' && answer === undefined && !s.answer) {
      throw new ValidationFailedError('an answer is needed', [
        { path: 'answer', message: 'an answered suggestion needs the text of its answer' },
      ]);
    }
    const set: Partial<SuggestionRecord> = {
      status,
      updatedAt: at,
      ...(answer !== undefined ? { answer: { text: answer, at } } : {}),
    };
    if (OUTCOMES.includes(status)) {
      set.outcome = status as SuggestionOutcome;
      if (!s.firstAnswerAt) set.firstAnswerAt = at;
    }
    const extra: { contactExpiresAt?: number } = {};
    if (status === 'done') {
      set.doneAt = at;
      if (s.hasContact)
        extra.contactExpiresAt = monthsLater(
          at,
          suggestionSettingsOf((await deps.stores.territories.get(s.territory)) ?? {}).retentionMonths,
        );
    }
    const entry: HistoryEntry = {
      at,
      action: 'status',
      ...by(key),
      from: s.status,
      to: status,
      ...(answer !== undefined ? { answer } : {}),
    };
    moved(await suggestions.change(s.code, s.status, set, entry, extra));
    return c.json(await told(s, await changed(s.code)), 200);
  });

  app.openapi(note, async (c) => {
    const { s, key } = owned(c);
    const entry: HistoryEntry = {
      at: deps.now().toISOString(),
      action: 'note',
      ...by(key),
      note: c.req.valid('json').note,
    };
    await suggestions.addHistory(s.code, entry);
    return c.json(entry, 201);
  });

  app.openapi(visibility, async (c) => {
    const { s, key } = owned(c);
    const { hidden } = c.req.valid('json');
    if (Boolean(s.hidden) !== hidden) {
      moved(
        await suggestions.change(
          s.code,
          s.status,
          { hidden },
          { at: deps.now().toISOString(), action: hidden ? 'hide' : 'show', ...by(key) },
        ),
      );
    }
    return c.json(await changed(s.code), 200);
  });

  app.openapi(merge, async (c) => {
    const { s, key } = owned(c);
    const intoCode = canonicalCode(c.req.valid('json').into);
    const into = intoCode ? await suggestions.get(intoCode, true) : undefined;
    if (!into || into.territory !== s.territory)
      throw new ValidationFailedError('unknown suggestion', [
        { path: 'into', message: 'no suggestion of this territory has this code' },
      ]);
    if (into.code === s.code || into.mergedInto)
      throw new ConflictError('merge into a suggestion that is neither this one nor itself merged');
    const mergeable: SuggestionStatus[] = ['received', 'in_review'];
    if (!mergeable.includes(s.status)) throw new ConflictError(`a suggestion that is ${s.status} cannot be merged`);
    const at = deps.now().toISOString();
    const set: Partial<SuggestionRecord> = {
      status: 'duplicate',
      outcome: 'duplicate',
      mergedInto: into.code,
      updatedAt: at,
      ...(s.firstAnswerAt ? {} : { firstAnswerAt: at }),
    };
    moved(
      await suggestions.change(
        s.code,
        s.status,
        set,
        { at, action: 'merge', ...by(key), from: s.status, to: 'duplicate', into: into.code },
        { unmergedTarget: into.code },
      ),
    );
    return c.json(await told(s, await changed(s.code)), 200);
  });

  app.openapi(eraseContact, async (c) => {
    const { s, key } = owned(c);
    await suggestions.eraseContact(s.code);
    if (s.hasContact)
      moved(
        await suggestions.change(
          s.code,
          s.status,
          { hasContact: false },
          { at: deps.now().toISOString(), action: 'contact_erased', ...by(key) },
        ),
      );
    return c.body(null, 204);
  });

  return app;
}
