import { describe, expect, it } from 'vitest';
import { createOutboxRepository } from '../../src/storage/outbox.repository.js';
import { useTestDatabase } from '../support/use-test-app.js';

/** Messages an older version queued (pending, or leased by its worker) are delivered after an upgrade. */
describe('outbox items written by versions that leased them', () => {
  const database = useTestDatabase({ label: 'outbox_upgrade' });

  it('get their delivery as pending work with no owner, for the first pass to take over', async () => {
    const createdAt = new Date('2026-12-01T10:00:00Z');
    const old = (id: string, status: string) => ({
      _id: id,
      channel: 'webex',
      target: { toPersonEmail: 'ana@partner.example' },
      payloadJson: JSON.stringify({ text: id }),
      purpose: { kind: 'test' },
      status,
      seq: 1,
      attempts: 1,
      nextAttemptAt: createdAt,
      lockedUntil: status === 'sending' ? createdAt : null,
      lockedBy: status === 'sending' ? 'host:1#old-worker' : null,
      claimedAt: status === 'sending' ? createdAt : null,
      createdAt,
      sentAt: status === 'sent' ? createdAt : null,
      messageId: status === 'sent' ? 'm-1' : null,
      lastError: null,
    });
    await database.db
      .collection<{ _id: string }>('outbox')
      .insertMany([old('old:pending', 'pending'), old('old:sending', 'sending'), old('old:sent', 'sent')]);
    const repository = createOutboxRepository(database.db);
    await repository.ensureIndexes();
    const pending = await repository.store.pending({ ownerNotIn: ['host:2#live'], limit: 10 });
    expect(pending.map((work) => [work.id, work.owner, work.effects.map((effect) => effect.id)])).toEqual([
      ['old:pending', undefined, ['old:pending:0:0']],
      ['old:sending', undefined, ['old:sending:0:0']],
    ]);
    const leased = await database.db.collection('outbox').findOne({ _id: 'old:sending' } as never);
    expect(leased).toMatchObject({ status: 'pending', rev: 0 });
    expect(leased).not.toHaveProperty('lockedBy');
    expect(await repository.get('old:sent')).toMatchObject({ status: 'sent', pendingEffects: [] });
    // Idempotent: a second start changes nothing.
    await repository.ensureIndexes();
    expect(await repository.store.pending({ limit: 10 })).toHaveLength(2);
  });
});
