import type { OutboxItem } from '../storage/outbox.repository.js';

/**
 * How what this process queues reaches this process's sender, in memory: the item is stored owned
 * by this instance, so the sender delivers it with no claim, lease or scan. Items queued while no
 * sender is open wait here for the next to open; if none does (the process stops), they stay
 * stored and pending, and are taken over with all else this instance owned once it has ended.
 */
export interface LocalQueue {
  /** Hands items just stored to the sender (in queue order). */
  handOver(items: readonly OutboxItem[]): void;
  /** The sender starts taking items: first those that waited for it. */
  open(take: (items: readonly OutboxItem[]) => void): void;
  /** The sender stopped taking items. */
  close(): void;
}

export function createLocalQueue(): LocalQueue {
  let take: ((items: readonly OutboxItem[]) => void) | undefined;
  let waiting: OutboxItem[] = [];
  return {
    handOver(items) {
      if (items.length === 0) return;
      if (take !== undefined) take(items);
      else waiting.push(...items);
    },
    open(next) {
      if (take !== undefined) throw new Error('another sender takes work from this outbox');
      take = next;
      const early = waiting;
      waiting = [];
      if (early.length > 0) next(early);
    },
    close() {
      take = undefined;
    },
  };
}
