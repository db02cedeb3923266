/**
 * Gives each request its deadline for the database (functions/store/deadline.ts): every
 * DynamoDB call the request makes, on any route, stops when its budget is spent, and the error
 * handler answers 503 in the error shape with Retry-After, before the platform's own timeout.
 */
import type { MiddlewareHandler } from 'hono';
import { withDeadline } from '../store/deadline.ts';

export const requestBudget =
  (budgetMs: number): MiddlewareHandler =>
  (_c, next) =>
    withDeadline(budgetMs, next);
