import type { WebexGateway, WebexLogger } from './gateway.js';
import type { WebhookBody } from './webhook-body.schema.js';
import type { WebhookInbox } from './webhook-intake.js';
import { webhookEventId } from './webhook-intake.js';

/**
 * What a person wrote to the bot while its webhook was inactive: Webex delivered none of it and
 * will never deliver it later, but it keeps the messages, so they are read back from the 1:1
 * space and stored in the inbox under the id the webhook would have given them. A message that
 * was received already is a duplicate there, so nothing is processed twice; the rest are
 * processed oldest first, in the space's lane, as if they had just arrived.
 */

/** How many of the space's newest messages are read back: far more than anyone types in an outage. */
const READ_BACK = 100;

/**
 * Read back this much before the start of the window too: Webex's clock and ours may differ, and
 * a message read that was received already costs only a duplicate in the inbox.
 */
export const CLOCK_MARGIN_MS = 5 * 60_000;

export interface MissedMessagesOptions {
  gateway: Pick<WebexGateway, 'listDirectMessages'>;
  inbox: WebhookInbox;
  now: () => Date;
  logger: WebexLogger;
}

/** What one read-back found: `stored` were new and are being processed, `duplicates` were not. */
export interface MissedMessagesOutcome {
  stored: number;
  duplicates: number;
}

/** The body the `all/all` webhook would have delivered for a message (the framework reads the rest). */
function bodyFor(id: string, roomId: string, personId: string, personEmail: string): WebhookBody {
  return {
    // The webhook's own id and name are not known here; the framework takes a body under its own name.
    id: 'read-back',
    name: 'read-back',
    resource: 'messages',
    event: 'created',
    actorId: personId,
    data: { id, roomId, roomType: 'direct', personId, personEmail },
  };
}

/** Reads back one person's missed messages (see above). */
export function createMissedMessages(options: MissedMessagesOptions) {
  const { logger } = options;
  return {
    /** The person's own messages since `since` (less the margin), oldest first, into the inbox. */
    async recover(personEmail: string, since: Date): Promise<MissedMessagesOutcome> {
      const from = since.getTime() - CLOCK_MARGIN_MS;
      const listed = await options.gateway.listDirectMessages(personEmail, READ_BACK);
      const missed = listed
        .filter((m) => !m.fromBot && m.created !== undefined && m.created.getTime() >= from)
        .reverse();
      const outcome: MissedMessagesOutcome = { stored: 0, duplicates: 0 };
      for (const message of missed) {
        if (message.roomId === undefined || message.personId === undefined) continue;
        const body = bodyFor(message.id, message.roomId, message.personId, personEmail);
        // One at a time: each is queued in the space's lane as it is stored, so they keep their order.
        const result = await options.inbox.receive(webhookEventId(body), JSON.stringify(body), options.now());
        if (result === 'stored') outcome.stored += 1;
        else outcome.duplicates += 1;
      }
      if (outcome.stored > 0) logger.info({ ...outcome }, 'missed messages read back from Webex');
      return outcome;
    },
  };
}

export type MissedMessages = ReturnType<typeof createMissedMessages>;
