import express, { type Router } from 'express';
import { z } from 'zod';
import type { LocalClock } from '../app/local-clock.js';
import { requireBearerToken } from './bearer-auth.js';
import { requireLoopbackHost } from './loopback-host.guard.js';
import { sendProblem } from './problems.js';

const HOUR_MS = 3_600_000;

/** How far to move: whole days and/or hours, forward only, at most a year in one request. */
const advanceSchema = z
  .strictObject({
    days: z.number().int().min(0).max(366).optional(),
    hours: z
      .number()
      .int()
      .min(0)
      .max(24 * 366)
      .optional(),
  })
  .refine((body) => (body.days ?? 0) * 24 + (body.hours ?? 0) > 0, {
    message: 'give days and/or hours, more than zero in all (the clock only moves forward)',
  });

export interface LocalClockRoutesOptions {
  clock: LocalClock;
  /** The orders API token: the page has it from `/local/config.json`. */
  apiToken: string;
  /** Runs the scheduler at once, so that what fell due is sent now. */
  onMoved: () => Promise<unknown>;
}

/**
 * `GET /local/clock` (where the clock stands) and `POST /local/clock { days?, hours? }` (move it
 * forward, then run the scheduler). Local mode only: it is mounted with the emulator's page and
 * is a 404, as any unknown path, with a Webex token.
 */
export function createLocalClockRouter(options: LocalClockRoutesOptions): Router {
  const router = express.Router();
  const state = () => ({ now: options.clock.now().toISOString(), offsetMs: options.clock.offsetMs() });
  // As every local-only path: a loopback Host only (DNS rebinding), then the orders token.
  router.use('/local/clock', requireLoopbackHost, requireBearerToken(options.apiToken));
  router.get('/local/clock', (_req, res) => {
    res.set('cache-control', 'no-store').json(state());
  });
  router.post('/local/clock', express.json({ limit: '1kb' }), async (req, res) => {
    const parsed = advanceSchema.safeParse(req.body);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({
        path: ['body', ...issue.path].join('.'),
        message: issue.message,
      }));
      sendProblem(res, 400, 'The clock was not moved: the body is not valid.', issues);
      return;
    }
    options.clock.advance(((parsed.data.days ?? 0) * 24 + (parsed.data.hours ?? 0)) * HOUR_MS);
    await options.onMoved();
    res.json(state());
  });
  return router;
}
