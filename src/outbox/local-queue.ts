import type { OutboxItem } from '../storage/outbox.repository.js';

/** A worker's claim on a message about to be queued: it is stored already leased to that worker. */
export interface OutboxClaim {
  workerId: string;
  claimedAt: Date;
  lockedUntil: Date;
}

/** The worker of this process, while it takes work from the queue. */
export interface LocalConsumer {
  /** A claim for one message, stored with it. */
  claim(now: Date): OutboxClaim;
  /**
   * Takes a message stored under its claim: sent in queue order with the recipient's others. One
   * whose write ended after the worker stopped is given back, for whoever runs next.
   */
  take(item: OutboxItem): void;
  /** Unclaimed messages were stored (a bulk write): look for them now rather than at the next poll. */
  wake(): void;
}

/**
 * The outbox's side of this process's worker. A message queued here while the worker takes work is
 * stored already claimed and handed over in memory, so a reply leaves after one write instead of a
 * wake-up, a scan and a claim. While no worker takes work (before it starts, after it stops) nothing
 * is claimed: messages are stored unclaimed, as from any other instance, for whoever polls first.
 */
export interface LocalQueue {
  /** A claim for one message if this process's worker takes work now. */
  claim(now: Date): OutboxClaim | undefined;
  /** Hands a message stored under `claim` to the worker. */
  handOver(item: OutboxItem): void;
  /** Tells the worker that unclaimed messages were stored. */
  stored(): void;
  /** The worker starts taking work (one at a time per outbox). */
  open(consumer: LocalConsumer): void;
  /** The worker stopped taking work. */
  close(): void;
}

/** A queue with no worker taking work yet. */
export function createLocalQueue(): LocalQueue {
  let consumer: LocalConsumer | undefined;
  let taking = false;
  return {
    claim: (now) => (taking ? consumer?.claim(now) : undefined),
    handOver(item) {
      // Even once closed: a claim given before is the worker's to send or give back.
      consumer?.take(item);
    },
    stored() {
      if (taking) consumer?.wake();
    },
    open(next) {
      if (taking && consumer !== next) throw new Error('another worker takes work from this outbox');
      consumer = next;
      taking = true;
    },
    close() {
      taking = false;
    },
  };
}
