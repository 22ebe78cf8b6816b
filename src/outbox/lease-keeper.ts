import type { Logger } from '../log/logger.js';
import type { OutboxRepository } from '../storage/outbox.repository.js';

/** How long a claim lives unless renewed: a crashed instance's messages go out this soon after. */
export const DEFAULT_LEASE_MS = 20_000;

export interface LeaseKeeperOptions {
  repository: Pick<OutboxRepository, 'renewLeases'>;
  workerId: string;
  leaseMs: number;
  now: () => Date;
  logger: Logger;
}

/**
 * Keeps a worker's leases alive: every quarter of a lease, one write extends the lease of every
 * item the worker still holds (sending, or waiting behind an earlier message to the same person),
 * so a send of any length keeps its lease, while the claims of a worker that died run out within
 * one lease.
 */
export function createLeaseKeeper(options: LeaseKeeperOptions) {
  const held = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  async function renew(): Promise<void> {
    const ids = [...held];
    if (ids.length === 0) return;
    const until = new Date(options.now().getTime() + options.leaseMs);
    const kept = await options.repository.renewLeases(ids, options.workerId, until);
    if (kept < ids.length)
      options.logger.warn({ held: ids.length, kept }, 'some leases were lost to another worker');
  }

  return {
    hold(id: string): void {
      held.add(id);
    },
    release(id: string): void {
      held.delete(id);
    },
    start(): void {
      timer = setInterval(() => {
        renew().catch((error: unknown) => options.logger.warn({ error }, 'cannot renew leases'));
      }, options.leaseMs / 4);
      timer.unref();
    },
    stop(): void {
      clearInterval(timer);
      timer = undefined;
    },
  };
}
