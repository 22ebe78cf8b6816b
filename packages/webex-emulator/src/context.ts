import type { Faults } from './faults.js';
import type { EmulatorLogger } from './logger.js';
import type { PersonRecord } from './records.js';
import type { EmulatorState } from './state.js';
import type { Stats } from './stats.js';
import type { DeliveryJob, WebhookDelivery } from './webhooks/delivery.js';
import type { DisablingTracker } from './webhooks/disabling.js';
import { type ApiEvent, webhookEnvelope, webhookHears } from './webhooks/events.js';

/** Everything the routes share. */
export interface EmulatorContext {
  readonly state: EmulatorState;
  readonly botId: string;
  readonly faults: Faults;
  readonly stats: Stats;
  readonly delivery: WebhookDelivery;
  /** Webex's rule for failing webhooks: counts failures, knows when each was disabled. */
  readonly disabling: DisablingTracker;
  readonly logger: EmulatorLogger;
}

/** The bot's organization: where people are created unless told otherwise. */
export function botOrgId(ctx: EmulatorContext): string {
  const bot = ctx.state.people.get(ctx.botId);
  if (bot === undefined) throw new Error('The bot is not set up.');
  return bot.orgId;
}

/**
 * The deliveries an event causes, decided now: who may see it and which webhooks exist depend on
 * the moment it happened, not on when the POST goes out.
 */
export function deliveriesFor(ctx: EmulatorContext, event: ApiEvent): DeliveryJob[] {
  const jobs: DeliveryJob[] = [];
  for (const webhook of ctx.state.webhooks.values()) {
    const owner: PersonRecord | undefined = ctx.state.people.get(webhook.ownerId);
    if (owner === undefined || !webhookHears(webhook, owner, event)) continue;
    jobs.push({
      webhookId: webhook.id,
      targetUrl: webhook.targetUrl,
      secret: webhook.secret,
      body: JSON.stringify(webhookEnvelope(webhook, owner, event)),
    });
  }
  return jobs;
}
