import type { DeliveryOutcome } from '../outbox/outbox-sender.types.js';
import { createWriteBatcher } from '../storage/write-batcher.js';
import type { OrderDocument } from './order.model.js';
import {
  createOrderLifecycle,
  type InvitationDelivered,
  invitationPurposeSchema,
  type ReminderSettings,
} from './order-lifecycle.js';
import { createOrderTransitions, type OrderTransitionDeps } from './order-transition.js';

export interface OrderSchedulerOptions extends OrderTransitionDeps, ReminderSettings {
  intervalMs: number;
  /** Orders handled per query; a round keeps going until none is left. */
  batchSize?: number;
  /** Told after each timed round: how late it started against when it was due, and how it went. */
  onRound?: (report: { lateMs: number; durationMs: number; ok: boolean; error: unknown }) => void;
}

export interface SchedulerRound {
  invitationsQueued: number;
  remindersQueued: number;
  expired: number;
}

export interface OrderScheduler {
  /** Runs a round now, then one every interval (never two at once). */
  start(): void;
  /** Runs a round soon (an order fell due). */
  kick(): void;
  stop(): Promise<void>;
  /** One round: expire, invite, remind. */
  runOnce(): Promise<SchedulerRound>;
  /** Route the outbox worker's `onDelivered` here; other purposes are ignored. */
  handleDelivered(outcome: DeliveryOutcome): Promise<void>;
  /**
   * Route the outbox worker's `onFailed` here; other purposes are ignored. `refusal` names a
   * permanent refusal by Webex (the recipient has no Webex account).
   */
  handleFailed(item: FailedMessage, error: string, refusal?: 'recipient_not_on_webex'): Promise<void>;
}

/** What the scheduler reads of a message given up on (its purpose is parsed: it may be any message's). */
export interface FailedMessage {
  purpose: unknown;
  target: { toPersonEmail: string } | { roomId: string } | { url: string };
}

const PARALLEL = 4;

/**
 * Drives orders by time, from the database alone: invitations on the start date, reminders, and
 * expiry at the deadline. Instances share the work safely because each change is a compare-and-set
 * and each message an idempotent outbox key; a round that crashes is finished by the next.
 */
export function createOrderScheduler(options: OrderSchedulerOptions): OrderScheduler {
  const transitions = createOrderTransitions(options);
  const lifecycle = createOrderLifecycle(transitions, options.now, options);
  const batchSize = options.batchSize ?? 200;
  // Bulk writes pay per round trip, not per order: bigger batches, bounded so one stays small in memory.
  const invitationBatchSize = Math.max(batchSize, 1_000);
  const log = transitions.log.child({ component: 'scheduler' });
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  let again = false;

  /**
   * Deliveries reported at about the same moment are recorded together (the outbox sends a start
   * date's thousands of invitations at once); a second delivery to one order goes after, alone.
   */
  const recordDelivered = createWriteBatcher(async (delivered: readonly InvitationDelivered[]) => {
    const first = new Map<string, InvitationDelivered>();
    const again: InvitationDelivered[] = [];
    for (const d of delivered) {
      if (first.has(d.orderId)) again.push(d);
      else first.set(d.orderId, d);
    }
    await lifecycle.recordInvitationsDelivered([...first.values()]);
    for (const d of again)
      await lifecycle.recordInvitationDelivered(d.orderId, d.contactVersion, d.messageId);
    return delivered.map(() => true);
  });

  /** Applies `step` to what `find` returns, a few at a time, batch after batch, until nothing moves. */
  async function drain(
    find: (now: Date, limit: number) => Promise<OrderDocument[]>,
    step: (id: string, snapshot: OrderDocument) => Promise<{ kind: string }>,
  ): Promise<number> {
    let count = 0;
    for (;;) {
      const orders = await find(options.now(), batchSize);
      let applied = 0;
      let next = 0;
      // A few in flight hide the database's round trips; orders are independent of each other.
      const lane = async () => {
        while (next < orders.length) {
          const order = orders[next];
          next += 1;
          if (order !== undefined && (await step(order._id, order)).kind === 'applied') applied += 1;
        }
      };
      await Promise.all(Array.from({ length: PARALLEL }, lane));
      count += applied;
      // Another instance may take every order of a batch; stop when nothing moved, the next round retries.
      if (orders.length < batchSize || applied === 0) return count;
    }
  }

  /**
   * Invitations, a batch at a time in a few writes (a start date can make thousands due at once).
   * An order another instance took meanwhile is not applied here; the next batch reads again.
   */
  async function drainInvitations(): Promise<number> {
    let count = 0;
    for (;;) {
      const orders = await options.repository.findDueInvitations(options.now(), invitationBatchSize);
      const applied = await lifecycle.queueInvitations(orders);
      count += applied;
      if (orders.length < invitationBatchSize || applied === 0) return count;
    }
  }

  async function runOnce(): Promise<SchedulerRound> {
    const repo = options.repository;
    const expired = await drain(repo.findPastDeadline, lifecycle.expire);
    const invitationsQueued = await drainInvitations();
    const remindersQueued = await drain(repo.findDueReminders, lifecycle.queueReminder);
    const round = { invitationsQueued, remindersQueued, expired };
    if (invitationsQueued + remindersQueued + expired > 0) log.info(round, 'scheduler round');
    return round;
  }

  function schedule(delayMs: number): void {
    if (!running) return;
    clearTimeout(timer);
    // Real time, not the app's clock (tests move that): lateness is the process's, not the orders'.
    const dueAt = performance.now() + delayMs;
    timer = setTimeout(() => {
      again = false;
      const startedAt = performance.now();
      const report = (ok: boolean, error?: unknown) =>
        options.onRound?.({
          lateMs: startedAt - dueAt,
          durationMs: performance.now() - startedAt,
          ok,
          error,
        });
      current = runOnce()
        .then(
          () => report(true),
          (error: unknown) => {
            log.error({ error }, 'scheduler round failed; will retry next interval');
            report(false, error);
          },
        )
        .finally(() => {
          current = undefined;
          schedule(again ? 0 : options.intervalMs);
        });
    }, delayMs);
    timer.unref();
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    kick() {
      if (!running) return;
      if (current === undefined) schedule(0);
      else again = true;
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await current;
    },
    runOnce,
    async handleDelivered(outcome) {
      const purpose = invitationPurposeSchema.safeParse(outcome.purpose);
      if (!purpose.success) return;
      const { orderId, contactVersion } = purpose.data;
      await recordDelivered({ orderId, contactVersion, messageId: outcome.messageId });
    },
    async handleFailed(item, error, refusal) {
      const purpose = invitationPurposeSchema.safeParse(item.purpose);
      if (!purpose.success) return;
      const notOnWebex = refusal === 'recipient_not_on_webex';
      if (notOnWebex && 'toPersonEmail' in item.target) {
        // The logger masks the address; the alert carries it in full.
        log.warn(
          { orderId: purpose.data.orderId, email: item.target.toPersonEmail },
          'invitation refused: the contact has no Webex account',
        );
      }
      await lifecycle.recordInvitationFailed(
        purpose.data.orderId,
        purpose.data.contactVersion,
        error,
        notOnWebex ? 'contact_not_on_webex' : 'invitation_failed',
      );
    },
  };
}
