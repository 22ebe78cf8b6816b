import type { Response } from 'express';
import type { z } from 'zod';

/** One thing wrong with a request: where (a dotted path into the body or query) and what. */
export interface RequestIssue {
  path: string;
  message: string;
}

/** Turns zod issues into `{ path, message }` pairs a client can show next to its fields. */
export function toRequestIssues(error: z.ZodError, prefix = ''): RequestIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.') || '(body)',
    message: issue.message,
  }));
}

/** The API's single error shape: `{ error, issues? }`, with the status that fits. */
export function sendProblem(res: Response, status: number, error: string, issues?: RequestIssue[]): void {
  res.status(status).json(issues === undefined ? { error } : { error, issues });
}
