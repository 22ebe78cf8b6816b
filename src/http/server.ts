import express, { type ErrorRequestHandler, type Router } from 'express';
import type { Logger } from '../log/logger.js';
import { bindPort, type RunningHttpServer } from './bound-port.js';
import { refuseEncodedBodies } from './content-encoding.guard.js';
import { sendProblem } from './problems.js';

export type { RunningHttpServer };

export interface ReadinessCheck {
  name: string;
  check: () => Promise<boolean>;
}

export interface HttpAppOptions {
  logger: Logger;
  /** Routers in mount order; each brings its own body parsing (the webhook route needs raw bytes). */
  mounts: Array<{ path: string; router: Router }>;
  readiness: ReadinessCheck[];
  /**
   * Failures that mean "try again shortly" (the database is unreachable): answered 503 with
   * Retry-After. A write may or may not have happened; every write of the API is idempotent, so
   * the same request again is safe.
   */
  isUnavailable?: (error: unknown) => boolean;
  /**
   * Checked before every request under `paths` (a bounded ping): when it fails, the request is
   * answered 503 with Retry-After at once, instead of waiting out the driver's server selection
   * (seconds) while the database is stalled.
   */
  available?: { paths: string[]; check: () => Promise<boolean> };
}

/** What a 503 asks the client to wait: the database's outages are noticed within seconds. */
const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/**
 * A path as it may be echoed: the path as sent (still percent-encoded, never decoded), anything
 * outside printable ASCII percent-encoded, at most 200 characters. So a NUL or a U+202E in a
 * request never comes back as the character itself.
 */
export function shownPath(originalUrl: string): string {
  const path = originalUrl.split('?')[0] ?? '';
  const safe = path.replace(/[^\x21-\x7e]/gu, (char) => encodeURIComponent(char));
  return safe.length > 200 ? `${safe.slice(0, 200)}…` : safe;
}

/** Builds the express app: health probes, the given routers, JSON 404s and one error boundary. */
export function createHttpApp(options: HttpAppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  // Every answer is what its Content-Type says: no browser may guess a JSON error into a page.
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const results = await Promise.all(
      options.readiness.map(async ({ name, check }) => [name, await check().catch(() => false)] as const),
    );
    const checks = Object.fromEntries(results);
    const ready = results.every(([, ok]) => ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks });
  });

  app.use('/api', refuseEncodedBodies);
  const { available } = options;
  if (available !== undefined) {
    app.use(available.paths, (_req, res, next) => {
      available.check().then(
        (ok) => {
          if (ok) return next();
          res.set('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
          sendProblem(res, 503, 'The service is briefly unavailable; try again shortly.');
        },
        (error: unknown) => next(error),
      );
    });
  }
  for (const { path, router } of options.mounts) app.use(path, router);

  app.use((req, res) => {
    sendProblem(res, 404, `No route for ${req.method} ${shownPath(req.originalUrl)}.`);
  });
  const boundary: ErrorRequestHandler = (error, req, res, _next) => {
    if (options.isUnavailable?.(error) === true) {
      options.logger.warn({ error, method: req.method, path: req.path }, 'database unavailable');
      res.set('retry-after', String(UNAVAILABLE_RETRY_AFTER_SECONDS));
      return sendProblem(res, 503, 'The service is briefly unavailable; try again shortly.');
    }
    const status = typeof error?.status === 'number' ? error.status : 500;
    if (status === 413) return sendProblem(res, 413, 'Request body is too large.');
    if (error?.type === 'entity.parse.failed')
      return sendProblem(res, 400, `Request body is not valid JSON: ${error.message}`);
    if (status >= 400 && status < 500)
      return sendProblem(res, status, String(error.message ?? 'Bad request'));
    options.logger.error({ error, method: req.method, path: req.path }, 'unhandled error in HTTP request');
    return sendProblem(res, 500, 'Internal error; it has been logged. Try again, or contact the operator.');
  };
  app.use(boundary);
  return app;
}

/** Listens and resolves once the port is bound (port 0 picks a free one). */
export async function listen(app: express.Express, port: number, host: string): Promise<RunningHttpServer> {
  const bound = await bindPort(port, host);
  bound.serve(app);
  return bound;
}
