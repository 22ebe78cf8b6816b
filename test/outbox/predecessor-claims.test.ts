import { describe, expect, it } from 'vitest';
import { createOutboxRepository } from '../../src/storage/outbox.repository.js';
import { useTestDatabase } from '../support/use-test-app.js';

/**
 * A process restarted in the same place (host and port) ends the claims its dead predecessor held
 * there at once; the claims of processes elsewhere keep their leases.
 */
describe('the claims of a predecessor in the same place', () => {
  const storage = useTestDatabase({ label: 'outbox_predecessor' });

  it('are released for the successor, and no one else’s are', async () => {
    const repository = createOutboxRepository(storage.db);
    await repository.ensureIndexes();
    const now = new Date();
    const item = (id: string, email: string) => ({
      id,
      channel: 'webex' as const,
      target: { toPersonEmail: email },
      payload: { text: id },
      purpose: { kind: 'test' },
    });
    await repository.enqueue(item('dead-one', 'a@partner.example'), now);
    const dead = await repository.claimBatch(now, 20_000, 'host:3000#dead', 1);
    await repository.enqueue(item('live-one', 'b@partner.example'), now);
    const live = await repository.claimBatch(now, 20_000, 'host:3001#live', 1);
    expect(dead.map((c) => c.item._id)).toEqual(['dead-one']);
    expect(live.map((c) => c.item._id)).toEqual(['live-one']);

    // Before the release, the successor finds nothing to take: both leases run for 20 s.
    expect(await repository.claimBatch(now, 20_000, 'host:3000#successor', 5)).toEqual([]);
    expect(await repository.releaseClaimsOfSlot('host:3000', 'host:3000#successor', now)).toBe(1);
    const taken = await repository.claimBatch(now, 20_000, 'host:3000#successor', 5);
    expect(taken.map((c) => [c.item._id, c.reclaimed])).toEqual([['dead-one', true]]);
    // Its own claims, and a place whose name merely starts alike, are left alone.
    expect(await repository.releaseClaimsOfSlot('host:3000', 'host:3000#successor', now)).toBe(0);
    expect(await repository.releaseClaimsOfSlot('host:300', 'host:300#x', now)).toBe(0);
    expect((await repository.get('live-one'))?.lockedBy).toBe('host:3001#live');
  });
});
