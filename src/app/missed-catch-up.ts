import type { ConversationContext } from '../conversation/conversation-deps.js';
import { type MissedWindow, resendAfterMissedWindow } from '../conversation/missed-clicks.js';
import type { Logger } from '../log/logger.js';
import type { SetupsRepository } from '../storage/setups.repository.js';
import type { MissedMessages } from '../webex/missed-messages.js';
import type { WebhookRepair, WebhookWatchLease } from '../webex/webhook-watch.js';

/**
 * After the bot's webhooks were inactive or missing: for each setup in progress, what its owner
 * wrote meanwhile is read back from Webex and processed once, in order (see `missed-messages`),
 * and the current step is sent again with a notice, since a click made meanwhile cannot be read
 * back (see `missed-clicks`). Run by the instance holding the webhook watch's lease; idempotent
 * (the inbox and the outbox keys), so a run that failed half way is simply run again.
 */

/** How far back a catch-up looks at most (also when the start of the outage is not known). */
export const MAX_CATCH_UP_MS = 24 * 3600_000;
/** Setups looked at per run: beyond it, the least recently moved ones are left out. */
const MAX_SETUPS = 5_000;

export interface MissedCatchUpOptions {
  setups: Pick<SetupsRepository, 'listActive'>;
  messages: MissedMessages;
  conversation: ConversationContext;
  now: () => Date;
  logger: Logger;
}

/** What a run did. */
export interface CatchUpReport {
  setups: number;
  messagesStored: number;
  cardsSent: number;
  failed: number;
}

/** The window the repairs leave unheard: from the earliest "last seen active" to now. */
export function missedWindow(repairs: readonly WebhookRepair[], now: Date): MissedWindow {
  const floor = now.getTime() - MAX_CATCH_UP_MS;
  const starts = repairs.map((r) => (r.lastSeenActiveAt ?? r.noticedAt).getTime());
  const unknown = repairs.some((r) => r.lastSeenActiveAt === undefined);
  const from = new Date(unknown ? floor : Math.max(floor, Math.min(...starts)));
  // Named by what the repairs saw, so that a retry of the same repairs has the same key.
  const noticed = Math.min(...repairs.map((r) => r.noticedAt.getTime()));
  const noticedAt = new Date(noticed);
  return { from, noticedAt, until: now, key: `${from.toISOString()}/${noticedAt.toISOString()}` };
}

export function createMissedCatchUp(options: MissedCatchUpOptions) {
  const log = options.logger.child({ component: 'missed-catch-up' });
  return {
    /**
     * Catches up on the repairs' window under `lease`. Rejects (to be run again) when the lease is
     * another instance's or anything failed; what succeeded is not repeated by the next run.
     */
    async run(repairs: readonly WebhookRepair[], lease: WebhookWatchLease): Promise<CatchUpReport> {
      if (repairs.length === 0) return { setups: 0, messagesStored: 0, cardsSent: 0, failed: 0 };
      const window = missedWindow(repairs, options.now());
      if (!(await lease.acquire())) throw new Error('another instance holds the webhook lease');
      const report: CatchUpReport = { setups: 0, messagesStored: 0, cardsSent: 0, failed: 0 };
      try {
        const setups = await options.setups.listActive(MAX_SETUPS);
        const read = new Set<string>();
        for (const doc of setups) {
          // Renewed as it goes: the lease ends by itself 60 s after the last renewal.
          if (!(await lease.acquire())) throw new Error('the webhook lease was lost during a catch-up');
          report.setups += 1;
          try {
            const owner = doc.ownerEmail.toLowerCase();
            if (!read.has(owner)) {
              read.add(owner);
              report.messagesStored += (await options.messages.recover(owner, window.from)).stored;
            }
            const sent = await resendAfterMissedWindow(options.conversation, doc, window);
            if (sent === 'sent') report.cardsSent += 1;
          } catch (error) {
            report.failed += 1;
            log.warn({ err: error, orderId: doc._id }, 'could not catch up on a setup; will try again');
          }
        }
      } finally {
        await lease.release().catch(() => undefined);
      }
      log.info(
        { ...report, from: window.from.toISOString(), until: window.until.toISOString() },
        'caught up after inactive webhooks',
      );
      if (report.failed > 0) throw new Error(`${report.failed} setups could not be caught up on`);
      return report;
    },
  };
}

export type MissedCatchUp = ReturnType<typeof createMissedCatchUp>;
