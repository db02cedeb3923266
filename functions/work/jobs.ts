/**
 * Jobs: work that runs outside requests in units (a back-fill by survey and month, an export, a
 * night by territory), with counters a client (or the operator) can follow. What is stored and
 * what the API shows.
 */
import * as z from '#analytics/zod.ts';
import { Day } from '#analytics/questionnaire.ts';

export const JobKind = z.enum(['aggregation', 'export', 'night']);
/** The jobs a client may follow: a night is the operator's (its record, its alarms). */
const ClientJobKind = z.enum(['aggregation', 'export']);

export const JobRecord = z.object({
  id: z.string(),
  /** The territory it works for: only its keys may follow it (a night works for all: `*`). */
  territory: z.string(),
  kind: JobKind,
  createdAt: z.string(),
  startedAt: z.optional(z.string()),
  updatedAt: z.optional(z.string()),
  /** Units: how many, how many finished, how many failed after their last attempt. */
  total: z.int(),
  done: z.int(),
  failed: z.int(),
  /** A back-fill's days (those of its period, as the synchronous answer counts them) and the responses found so far. */
  days: z.int(),
  responses: z.int(),
  from: z.optional(Day),
  to: z.optional(Day),
  surveyId: z.optional(z.string()),
  /** An export's file once written: its key, rows and bytes. */
  file: z.optional(z.string()),
  rows: z.optional(z.int()),
  bytes: z.optional(z.int()),
});
export type JobRecord = z.infer<typeof JobRecord>;

export const JobStatus = z.enum(['queued', 'running', 'done', 'failed']);
export type JobStatus = z.infer<typeof JobStatus>;

/** What a client following a job reads (GET …/aggregations/{jobId}, GET …/exports/{jobId}). */
export const JobView = z
  .object({
    id: z.string(),
    kind: ClientJobKind,
    status: JobStatus,
    createdAt: z.string(),
    updatedAt: z.optional(z.string()),
    progress: z.object({ done: z.int(), failed: z.int(), total: z.int() }).register(z.globalRegistry, {
      description: "units of work: a survey's month of days for a back-fill, one for an export",
    }),
    from: z.optional(Day),
    to: z.optional(Day),
    days: z
      .optional(z.int())
      .register(z.globalRegistry, { description: "the back-fill's days, as the synchronous answer counts them" }),
    responses: z
      .optional(z.int())
      .register(z.globalRegistry, { description: 'responses aggregated so far, or exported' }),
    surveyId: z.optional(z.string()),
    rows: z.optional(z.int()).register(z.globalRegistry, { description: 'responses written to the file (an export)' }),
    bytes: z.optional(z.int()),
    url: z
      .optional(z.string())
      .register(z.globalRegistry, { description: 'a short-lived link to the file, once done (an export)' }),
    expiresAt: z.optional(z.string()).register(z.globalRegistry, { description: 'when the link stops working' }),
  })
  .register(z.globalRegistry, { id: 'Job' });
export type JobView = z.infer<typeof JobView>;

export function jobStatus(job: JobRecord): JobStatus {
  if (job.done + job.failed >= job.total) return job.failed > 0 ? 'failed' : 'done';
  return job.startedAt || job.done + job.failed > 0 ? 'running' : 'queued';
}

/** The client's view of an aggregation or export job (a link is added by the export route). */
export function jobView(job: JobRecord): JobView {
  const common = {
    id: job.id,
    status: jobStatus(job),
    createdAt: job.createdAt,
    ...(job.updatedAt ? { updatedAt: job.updatedAt } : {}),
    progress: { done: job.done, failed: job.failed, total: job.total },
  };
  if (job.kind === 'export')
    return {
      ...common,
      kind: 'export',
      ...(job.surveyId ? { surveyId: job.surveyId } : {}),
      ...(job.from && job.to ? { from: job.from, to: job.to } : {}),
      ...(job.rows !== undefined ? { rows: job.rows, responses: job.rows } : {}),
      ...(job.bytes !== undefined ? { bytes: job.bytes } : {}),
    };
  return {
    ...common,
    kind: 'aggregation',
    ...(job.from && job.to ? { from: job.from, to: job.to } : {}),
    days: job.days,
    responses: job.responses,
  };
}
