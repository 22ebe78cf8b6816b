import express, { type Router } from 'express';
import type { WebexRuntime } from '../webex/webex.runtime.js';
import type { WebhookWatch } from '../webex/webhook-watch.js';

/** The `/webhooks/webex` mount, and the readiness it reports. */
export interface WebhookMount {
  readonly router: Router;
  /** The readiness check: the runtime's webhooks are in place and none was seen inactive. */
  isReady(): boolean;
}

/**
 * Serves the runtime's webhook route, and tells the watch at once of every answer but 2xx: each
 * one counts towards Webex disabling the webhook.
 */
export function createWebhookMount(
  runtime: Pick<WebexRuntime, 'webhookRouter' | 'isReady'>,
  watch: Pick<WebhookWatch, 'kick' | 'healthy'>,
): WebhookMount {
  const router = express.Router();
  router.use((req, res, next) => {
    res.once('finish', () => {
      if (res.statusCode < 200 || res.statusCode > 299) watch.kick();
    });
    runtime.webhookRouter(req, res, next);
  });
  return { router, isReady: () => runtime.isReady() && watch.healthy() };
}
