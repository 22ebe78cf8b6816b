import express, { type Router } from 'express';
import type { WebexRuntime } from '../webex/webex.runtime.js';

/**
 * The `/webhooks/webex` mount. The route must be served before Webex can call it, but the runtime
 * behind it needs the bound port to know its own URL; so the intake is mounted first and answers
 * 503 (Webex delivers again later) until the runtime is connected.
 */
export interface WebhookIntake {
  readonly router: Router;
  /** From now on, webhooks go to this runtime's route. */
  connect(runtime: Pick<WebexRuntime, 'webhookRouter' | 'isReady'>): void;
  /** The readiness check: a runtime is connected and has its webhooks in place. */
  isReady(): boolean;
}

/** An intake with no runtime connected yet. */
export function createWebhookIntake(): WebhookIntake {
  let runtime: Pick<WebexRuntime, 'webhookRouter' | 'isReady'> | undefined;
  const router = express.Router();
  router.use((req, res, next) => {
    if (runtime === undefined) res.status(503).json({ error: 'Starting; try again shortly.' });
    else runtime.webhookRouter(req, res, next);
  });
  return {
    router,
    connect(connected) {
      if (runtime !== undefined) throw new Error('a Webex runtime is already connected');
      runtime = connected;
    },
    isReady: () => runtime?.isReady() ?? false,
  };
}
