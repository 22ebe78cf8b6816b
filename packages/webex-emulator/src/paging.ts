import type { Request } from 'express';
import { badRequest } from './errors.js';

/** A query parameter's value (the first one when repeated). */
export function queryText(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return undefined;
}

/** `max`: a positive integer; values above `limit` are capped, as Webex does. */
export function queryMax(req: Request, fallback: number, limit: number): number {
  const raw = queryText(req, 'max');
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1) throw badRequest('max: must be a positive integer');
  return Math.min(Number(raw), limit);
}

export interface Page<T> {
  body: { items: T[] };
  headers: Record<string, string>;
}

interface Cursor {
  offset: number;
  lastId: string;
}

function readCursor(req: Request): Cursor | undefined {
  const raw = queryText(req, 'cursor');
  if (raw === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'offset' in parsed &&
      typeof parsed.offset === 'number' &&
      'lastId' in parsed &&
      typeof parsed.lastId === 'string'
    ) {
      return { offset: parsed.offset, lastId: parsed.lastId };
    }
  } catch {
    // Fall through to the 400 below.
  }
  throw badRequest('cursor: is not valid');
}

/** The absolute URL of this request with some query parameters replaced. */
export function absoluteUrl(req: Request, params: Record<string, string>): string {
  const url = new URL(req.originalUrl, `${req.protocol}://${req.get('host') ?? 'localhost'}`);
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.toString();
}

/**
 * One page of a list, with Webex's absolute `Link: <url>; rel="next"` when more follow. The cursor
 * names the last item given, so items added or removed meanwhile do not shift the next page.
 * `beforeMessage` mode pages messages as Webex does, by the oldest message id of the page.
 */
export function pageOf<T extends { id: string }>(
  req: Request,
  items: T[],
  max: number,
  mode: 'cursor' | 'beforeMessage' = 'cursor',
): Page<T> {
  let start = 0;
  if (mode === 'cursor') {
    const cursor = readCursor(req);
    if (cursor !== undefined) {
      const index = items.findIndex((item) => item.id === cursor.lastId);
      start = index >= 0 ? index + 1 : Math.min(cursor.offset, items.length);
    }
  }
  const page = items.slice(start, start + max);
  const last = page[page.length - 1];
  if (last === undefined || start + max >= items.length) return { body: { items: page }, headers: {} };
  const params =
    mode === 'cursor'
      ? {
          cursor: Buffer.from(JSON.stringify({ offset: start + max, lastId: last.id })).toString('base64url'),
        }
      : { beforeMessage: last.id };
  return { body: { items: page }, headers: { Link: `<${absoluteUrl(req, params)}>; rel="next"` } };
}
