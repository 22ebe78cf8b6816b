import type { OutboxItem } from '../storage/outbox.repository.js';

/** A worker's claim on a message about to be queued: it is stored already leased to that worker. */
export interface OutboxClaim {
  workerId: string;
  claimedAt: Date;
  lockedUntil: Date;
}

/** What a worker in this process offers the outbox: to send what is queued here without polling for it. */
export interface HandOffReceiver {
  /** A claim for one message, or undefined when the worker is not running. */
  offer(now: Date): OutboxClaim | undefined;
  /** Takes a message stored under its claim: sent in queue order with the recipient's others. */
  adopt(item: OutboxItem): void;
}

/**
 * Connects the outbox, built before the worker, to the worker once it runs. A message queued in
 * this process is stored already claimed and handed over in memory, so a reply leaves after one
 * write instead of a wake-up, a scan and a claim. Until a worker attaches (and after it stops)
 * nothing is offered: messages are queued unclaimed, as from any other instance.
 */
export function createOutboxHandOff() {
  let receiver: HandOffReceiver | undefined;
  return {
    attach(worker: HandOffReceiver): void {
      receiver = worker;
    },
    offer: (now: Date): OutboxClaim | undefined => receiver?.offer(now),
    adopt(item: OutboxItem): void {
      receiver?.adopt(item);
    },
  };
}

export type OutboxHandOff = ReturnType<typeof createOutboxHandOff>;
