import { setTimeout as delay } from 'node:timers/promises';
import { z } from 'zod';
import { WebexCallError } from './gateway.js';
import type { WebexHttpClient } from './webex-http.client.js';

/**
 * The bot's webhooks as Webex lists them, and the two calls that mend them: `PUT` with
 * `status: "active"` (Webex's way to enable a webhook it disabled) and `POST` of a missing one.
 */

/** The webhooks the bot needs for its target (the framework registers both at start). */
export const NEEDED_WEBHOOKS = [
  { resource: 'all', event: 'all' },
  { resource: 'attachmentActions', event: 'created' },
] as const;

export type NeededWebhook = (typeof NEEDED_WEBHOOKS)[number];

const hookSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  targetUrl: z.string(),
  resource: z.string(),
  event: z.string(),
  status: z.string().optional(),
});
export type ListedWebhook = z.infer<typeof hookSchema>;

const hookListSchema = z.object({ items: z.array(hookSchema) });

function parse<T>(schema: z.ZodType<T>, body: unknown, label: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new WebexCallError(`${label} answered an unexpected shape`, undefined, false);
}

export interface WebhookRegistry {
  /** The token's webhooks for the bot's target URL. */
  listOurs(): Promise<ListedWebhook[]>;
  /** Sets a webhook active again; resolves with it as Webex answered. */
  reactivate(hook: ListedWebhook): Promise<ListedWebhook>;
  /** Creates a needed webhook again, named as its sibling (`name`). */
  recreate(needed: NeededWebhook, name: string): Promise<ListedWebhook>;
}

export function createWebhookRegistry(options: {
  http: Pick<WebexHttpClient, 'request'>;
  webhookUrl: string;
  webhookSecret: string;
}): WebhookRegistry {
  const { http, webhookUrl, webhookSecret } = options;
  return {
    async listOurs() {
      const response = await http.request({ method: 'GET', path: '/webhooks', query: { max: 100 } });
      return parse(hookListSchema, response.body, 'GET /webhooks').items.filter(
        (hook) => hook.targetUrl === webhookUrl,
      );
    },
    async reactivate(hook) {
      // The secret is sent again: Webex keeps it on a PUT without one, but nothing documents that.
      const response = await http.request({
        method: 'PUT',
        path: `/webhooks/${encodeURIComponent(hook.id)}`,
        body: { name: hook.name, targetUrl: webhookUrl, secret: webhookSecret, status: 'active' },
      });
      return parse(hookSchema, response.body, 'PUT /webhooks/{id}');
    },
    async recreate(needed, name) {
      const response = await http.request({
        method: 'POST',
        path: '/webhooks',
        body: {
          name,
          targetUrl: webhookUrl,
          resource: needed.resource,
          event: needed.event,
          secret: webhookSecret,
        },
      });
      return parse(hookSchema, response.body, 'POST /webhooks');
    },
  };
}

/** Whether Webex delivers to a listed webhook (no status is read as active, as Webex's older answers). */
export function isActive(hook: ListedWebhook): boolean {
  return hook.status === undefined || hook.status === 'active';
}

/** Resolves once both needed webhooks are listed active for `webhookUrl`; rejects after `timeoutMs`. */
export async function waitForActiveWebhooks(
  registry: Pick<WebhookRegistry, 'listOurs'>,
  webhookUrl: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let wait = 25; ; wait = Math.min(wait * 2, 500)) {
    const active = (await registry.listOurs()).filter(isActive);
    const resources = new Set(active.map((hook) => hook.resource));
    if (resources.has('all') && resources.has('attachmentActions')) return;
    if (Date.now() + wait > deadline) throw new Error(`webhooks for ${webhookUrl} did not appear in time`);
    await delay(wait);
  }
}
