import express, { type Router } from 'express';
import type { WebexRuntime } from '../webex/webex.runtime.js';
import type { WebhookWatch } from '../webex/webhook-watch.js';

/**
 * The `/webhooks/webex` mount. The route must be served before Webex can call it, but the runtime
 * behind it needs the bound port to know its own URL; so the intake is mounted first and answers
 * 503 (Webex delivers again later) until the runtime is connected.
 */
export interface WebhookMount {
  readonly router: Router;
  /** From now on, webhooks go to this runtime's route. */
  connect(runtime: Pick<WebexRuntime, 'webhookRouter' | 'isReady'>): void;
  /**
   * The watch of the webhooks: told at once of every answer but 2xx (each one counts towards
   * Webex disabling the webhook), and asked for readiness.
   */
  watchWith(watch: Pick<WebhookWatch, 'kick' | 'healthy'>): void;
  /** The readiness check: a runtime is connected, its webhooks in place and none seen inactive. */
  isReady(): boolean;
}

/** An intake with no runtime connected yet. */
export function createWebhookMount(): WebhookMount {
  let runtime: Pick<WebexRuntime, 'webhookRouter' | 'isReady'> | undefined;
  let watch: Pick<WebhookWatch, 'kick' | 'healthy'> | undefined;
  const router = express.Router();
  router.use((req, res, next) => {
    res.once('finish', () => {
      if (res.statusCode < 200 || res.statusCode > 299) watch?.kick();
    });
    if (runtime === undefined) res.status(503).json({ error: 'Starting; try again shortly.' });
    else runtime.webhookRouter(req, res, next);
  });
  return {
    router,
    connect(connected) {
      if (runtime !== undefined) throw new Error('a Webex runtime is already connected');
      runtime = connected;
    },
    watchWith(connected) {
      watch = connected;
    },
    isReady: () => (runtime?.isReady() ?? false) && (watch?.healthy() ?? true),
  };
}
