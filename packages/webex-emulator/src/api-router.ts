import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { authenticate, bearerToken } from './auth.js';
import { deliveriesFor, type EmulatorContext } from './context.js';
import { ApiError, errorBody, MESSAGES, serverErrorMessage } from './errors.js';
import { newTrackingId } from './ids.js';
import type { PersonRecord } from './records.js';
import type { DeliveryJob } from './webhooks/delivery.js';
import type { ApiEvent } from './webhooks/events.js';

/** One authenticated API request, as a handler sees it. */
export interface ApiCall {
  req: Request;
  caller: PersonRecord;
  /** Queues webhook deliveries for an event; they go out after the answer is sent. */
  publish(event: ApiEvent): void;
}

export interface ApiReply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type ApiHandler = (call: ApiCall) => ApiReply | Promise<ApiReply>;
type Method = 'get' | 'post' | 'put' | 'delete';

/** Registers routes; every route gets stats, faults, auth and Webex error bodies. */
export interface ApiRoutes {
  get(path: string, handler: ApiHandler): void;
  post(path: string, handler: ApiHandler): void;
  put(path: string, handler: ApiHandler): void;
  delete(path: string, handler: ApiHandler): void;
}

const TRACKING_ID = /^[\w.:-]{1,200}$/;

function trackingIdOf(res: Response): string {
  return String(res.get('trackingid') ?? '');
}

function sendError(res: Response, error: ApiError): void {
  res
    .status(error.status)
    .set(error.headers)
    .json(errorBody(error.message, trackingIdOf(res)));
}

/**
 * Builds the `/v1` router: JSON bodies, a `trackingid` on every answer, 405 for a known path with
 * another method, 404 for unknown paths, and Webex's error body for every failure.
 */
export function createApiRouter(ctx: EmulatorContext, register: (routes: ApiRoutes) => void): Router {
  const router = express.Router();
  router.use((req, res, next) => {
    const sent = req.get('trackingid');
    res.set('trackingid', sent !== undefined && TRACKING_ID.test(sent) ? sent : newTrackingId());
    next();
  });
  router.use(express.json({ limit: '1mb' }));

  const paths = new Map<string, Set<string>>();
  const add = (method: Method) => (path: string, handler: ApiHandler) => {
    paths.set(path, (paths.get(path) ?? new Set()).add(method.toUpperCase()));
    router[method](path, (req, res) => handle(ctx, `${method.toUpperCase()} ${path}`, handler, req, res));
  };
  register({ get: add('get'), post: add('post'), put: add('put'), delete: add('delete') });

  for (const [path, methods] of paths) {
    router.all(path, (req, res) => {
      res.set('Allow', [...methods].join(', '));
      sendError(res, new ApiError(405, `Request method '${req.method}' is not supported.`));
    });
  }
  router.use((_req, res) => sendError(res, new ApiError(404, MESSAGES.notFound)));
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    sendError(res, toApiError(ctx, error));
  });
  return router;
}

function toApiError(ctx: EmulatorContext, error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof SyntaxError || hasType(error, 'entity.parse.failed')) {
    return new ApiError(400, 'The request body is not valid JSON.');
  }
  if (hasType(error, 'entity.too.large')) return new ApiError(413, 'The request body is too large.');
  ctx.logger.error({ err: error }, 'emulator request failed');
  return new ApiError(500, serverErrorMessage(500));
}

function hasType(error: unknown, type: string): boolean {
  return typeof error === 'object' && error !== null && 'type' in error && error.type === type;
}

async function handle(ctx: EmulatorContext, route: string, handler: ApiHandler, req: Request, res: Response) {
  ctx.stats.request(route);
  res.once('finish', () => ctx.stats.status(res.statusCode));
  const jobs: DeliveryJob[] = [];
  try {
    const verdict = ctx.faults.check(req.method, req.path, bearerToken(req) ?? '');
    if (verdict.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, verdict.delayMs));
    if (verdict.kind === 'rateLimited') ctx.stats.rateLimited();
    if (verdict.kind === 'injected') ctx.stats.injectedFailure();
    if (verdict.error !== undefined) throw verdict.error;
    const caller = authenticate(ctx, req);
    const reply = await handler({ req, caller, publish: (event) => jobs.push(...deliveriesFor(ctx, event)) });
    res.status(reply.status ?? 200).set(reply.headers ?? {});
    if (reply.body === undefined) res.end();
    else res.json(reply.body);
  } catch (error) {
    sendError(res, toApiError(ctx, error));
    return;
  }
  if (jobs.length === 0) return;
  // Webex calls webhooks after it has answered; a receiver that fetches the new object finds it.
  let flushed = false;
  const flush = () => {
    if (flushed) return;
    flushed = true;
    for (const job of jobs) ctx.delivery.enqueue(job);
  };
  res.once('finish', flush);
  res.once('close', flush);
}
