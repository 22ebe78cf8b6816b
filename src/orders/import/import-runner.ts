import { z } from 'zod';
import type { ImportRow } from './import-rows.js';

/** `too_late`: refused because the order's setup window had closed already (422). */
export type RowOutcome = 'created' | 'unchanged' | 'conflict' | 'rejected' | 'too_late' | 'failed';

export interface RowResult {
  label: string;
  outcome: RowOutcome;
  message?: string;
}

export interface ImportTarget {
  /** The orders collection URL, e.g. `http://127.0.0.1:3000/api/orders`. */
  ordersUrl: string;
  token: string;
}

/** The import cannot go on at all: the server is unreachable or refuses the token. */
export class ImportAbortedError extends Error {
  override name = 'ImportAbortedError';
}

const problemSchema = z.object({
  error: z.string().optional(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

const headers = (target: ImportTarget) => ({
  authorization: `Bearer ${target.token}`,
  'content-type': 'application/json',
  'x-actor': 'import',
});

function unreachable(target: ImportTarget, error: unknown): ImportAbortedError {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : String(error);
  return new ImportAbortedError(
    `cannot reach the orders API at ${target.ordersUrl} (${cause}); is the app running?`,
  );
}

/** Checks that the API answers and takes the token, before any row is sent. */
export async function checkImportTarget(target: ImportTarget): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${target.ordersUrl}?limit=1`, {
      headers: headers(target),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (error) {
    throw unreachable(target, error);
  }
  await response.arrayBuffer();
  if (response.status === 401)
    throw new ImportAbortedError('the orders API refused the token (401): check --token or ORDERS_API_TOKEN');
  if (!response.ok)
    throw new ImportAbortedError(`the orders API answered ${response.status} at ${target.ordersUrl}`);
}

async function describeProblem(response: Response): Promise<string> {
  const body = problemSchema.safeParse(await response.json().catch(() => undefined));
  if (!body.success) return `HTTP ${response.status}`;
  const issues = (body.data.issues ?? []).map((issue) => `${issue.path} ${issue.message}`);
  return [body.data.error ?? `HTTP ${response.status}`, ...issues].join('; ');
}

/** Sends one row; a lost connection, 429 or 5xx is retried (a replayed POST changes nothing). */
async function sendRow(target: ImportTarget, row: ImportRow): Promise<RowResult> {
  for (let attempt = 1; ; attempt += 1) {
    let response: Response | undefined;
    try {
      response = await fetch(target.ordersUrl, {
        method: 'POST',
        headers: headers(target),
        body: JSON.stringify(row.body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      if (attempt >= 3) throw unreachable(target, error);
    }
    if (response !== undefined) {
      if (response.status === 201 || response.status === 200) {
        await response.arrayBuffer();
        return { label: row.label, outcome: response.status === 201 ? 'created' : 'unchanged' };
      }
      if (response.status === 401) throw new ImportAbortedError('the orders API refused the token (401)');
      const retryable = response.status === 429 || response.status >= 500;
      if (!retryable || attempt >= 3) {
        const message = await describeProblem(response);
        if (response.status === 409) return { label: row.label, outcome: 'conflict', message };
        if (response.status === 400) return { label: row.label, outcome: 'rejected', message };
        if (response.status === 422) return { label: row.label, outcome: 'too_late', message };
        return { label: row.label, outcome: 'failed', message };
      }
      await response.arrayBuffer();
    }
    await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
  }
}

export interface RunImportOptions {
  concurrency?: number;
  /** Called after each row with how many are done. */
  onProgress?: (done: number, total: number) => void;
}

/** Sends every row, a few at a time; results come back in file order. */
export async function runImport(
  target: ImportTarget,
  rows: ImportRow[],
  options: RunImportOptions = {},
): Promise<RowResult[]> {
  const results: RowResult[] = new Array(rows.length);
  let next = 0;
  let done = 0;
  let aborted: unknown;
  async function lane(): Promise<void> {
    while (aborted === undefined && next < rows.length) {
      const index = next;
      next += 1;
      const row = rows[index];
      if (row === undefined) continue;
      try {
        results[index] = await sendRow(target, row);
      } catch (error) {
        aborted ??= error;
        return;
      }
      done += 1;
      options.onProgress?.(done, rows.length);
    }
  }
  await Promise.all(Array.from({ length: options.concurrency ?? 8 }, lane));
  if (aborted !== undefined) throw aborted;
  return results;
}
