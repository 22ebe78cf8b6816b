import express, { type Router } from 'express';
import { requireBearerToken } from './bearer-auth.js';

export interface MetricsRouterOptions {
  /** The bearer token a scrape must send. */
  token: string;
  /** Which variable holds it, named in the 401's advice. */
  tokenVariable: string;
  render: () => Promise<{ contentType: string; body: string }>;
}

/** `GET /metrics`: the Prometheus text exposition, behind a bearer token. */
export function createMetricsRouter(options: MetricsRouterOptions): Router {
  const router = express.Router();
  router.get('/', requireBearerToken(options.token, options.tokenVariable), async (_req, res) => {
    const { contentType, body } = await options.render();
    res.set('content-type', contentType).set('cache-control', 'no-store').send(body);
  });
  return router;
}
