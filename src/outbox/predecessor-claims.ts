import type { Logger } from '../log/logger.js';
import type { OutboxRepository } from '../storage/outbox.repository.js';

/**
 * Ends the claims of the process that held this place before (it cannot be alive: two live
 * processes cannot listen on one port of one host), so that what it was sending when it died is
 * taken over now rather than when its leases run out. A failure only costs that wait.
 */
export async function releasePredecessorClaims(
  repository: Pick<OutboxRepository, 'releaseClaimsOfSlot'>,
  slot: string,
  workerId: string,
  now: Date,
  log: Logger,
): Promise<void> {
  const released = await repository.releaseClaimsOfSlot(slot, workerId, now).catch((error: unknown) => {
    log.error({ error }, 'cannot release the claims of the previous process here');
    return 0;
  });
  if (released > 0) log.info({ released }, 'took over the claims of the previous process here');
}
