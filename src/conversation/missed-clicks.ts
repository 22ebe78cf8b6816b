import { isSetupEnded } from '../../flows/order-setup.steps.js';
import { restoreSetup } from '../setups/setup-envelope.js';
import type { SetupDocument } from '../storage/setups.repository.js';
import { currentStepCard, isClosedOrder } from './card-navigation.js';
import type { ConversationContext } from './conversation-deps.js';

/**
 * Webex keeps no list of card clicks that could be read back: a click made while the bot's
 * webhook was inactive is gone. A person whose setup did not move during that time may have
 * clicked and got nothing, so they get the current step again, with a notice saying when the bot
 * could not hear them. Once per setup and window: the outbox keys make a second run send nothing.
 */

/** The time the bot could not hear anything, and the key that names it. */
export interface MissedWindow {
  /** When the webhook was last seen active: it went inactive at some time after this. */
  from: Date;
  /** When it was first seen inactive: a setup that moved since did so without a click of its owner. */
  noticedAt: Date;
  until: Date;
  /** Names the incident in the outbox keys; the same for every run of the catch-up of one incident. */
  key: string;
}

export type MissedClickOutcome = 'sent' | 'already-sent' | 'moved' | 'closed';

const LOCALE_TAGS = { en: 'en-GB', hr: 'hr-HR' } as const;

function clockTime(at: Date, locale: keyof typeof LOCALE_TAGS, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[locale], {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(at);
}

/**
 * The current step of `doc`, with the notice, unless the setup moved during the window (then a
 * click of the person did arrive, or someone else moved it: nothing is missing), has ended, or
 * its order is closed.
 */
export async function resendAfterMissedWindow(
  ctx: ConversationContext,
  doc: SetupDocument,
  window: MissedWindow,
): Promise<MissedClickOutcome> {
  // Not against `from`: between it and `noticedAt` a click may or may not have come through, and
  // a notice too many beats a click lost without a word.
  if (doc.updatedAt.getTime() >= window.noticedAt.getTime()) return 'moved';
  const loaded = restoreSetup(doc);
  if (isSetupEnded(loaded.snapshot)) return 'closed';
  const order = await ctx.orders.getOrder(doc._id);
  if (order !== undefined && isClosedOrder(order)) return 'closed';
  const { locale } = loaded.snapshot.context;
  const timeZone = order?.timeZone ?? 'UTC';
  const notice = ctx.views.notice('missedWhileAway', locale, {
    from: clockTime(window.from, locale, timeZone),
    until: clockTime(window.until, locale, timeZone),
    timeZone,
    orderId: doc._id,
  });
  const target = { toPersonEmail: doc.ownerEmail };
  const purpose = { kind: 'reply', orderId: doc._id };
  const key = (name: string) => `missed:${window.key}:${doc._id}:${name}`;
  const queued = await ctx.outbox.sendMessage(key('notice'), target, notice, purpose);
  await ctx.outbox.sendMessage(key('step'), target, currentStepCard(ctx, loaded), purpose);
  return queued ? 'sent' : 'already-sent';
}
