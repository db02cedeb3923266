/**
 * How late a response may come (its `submittedAt` at most this old): a survey closed longer ago
 * than this can receive no new answer, only erasures (which mark their day dirty). In a module
 * without zod, as the public Lambda's submissions read it; model.ts re-exports it.
 */
export const LATE_SUBMISSION_MS = 30 * 86_400_000;
