import { describe, expect, it } from 'vitest';
import { createLeaseRepository } from '../../src/storage/lease.repository.js';
import { useTestDatabase } from '../support/use-test-app.js';

/** The `locks` collection: one holder at a time, a lease ending by itself, on the real driver and server. */
describe('leases', () => {
  const database = useTestDatabase({ label: 'leases' });
  const t0 = new Date('2026-12-01T10:00:00Z');
  const later = (ms: number) => new Date(t0.getTime() + ms);

  it('one holder at a time; the holder renews; an expired lease goes to the next', async () => {
    const leases = createLeaseRepository(database.db);
    expect(await leases.tryAcquire('watch', 'a', 60_000, t0)).toBe(true);
    expect(await leases.tryAcquire('watch', 'b', 60_000, later(1_000))).toBe(false);
    expect(await leases.tryAcquire('watch', 'a', 60_000, later(30_000))).toBe(true);
    // a's renewal runs to 90 s: b still waits at 61 s, takes it at 91 s.
    expect(await leases.tryAcquire('watch', 'b', 60_000, later(61_000))).toBe(false);
    expect(await leases.tryAcquire('watch', 'b', 60_000, later(91_000))).toBe(true);
    expect(await leases.tryAcquire('watch', 'a', 60_000, later(92_000))).toBe(false);
  });

  it('a release frees it at once, and only the holder can release it', async () => {
    const leases = createLeaseRepository(database.db);
    expect(await leases.tryAcquire('release', 'a', 60_000, t0)).toBe(true);
    await leases.release('release', 'b');
    expect(await leases.tryAcquire('release', 'b', 60_000, t0)).toBe(false);
    await leases.release('release', 'a');
    expect(await leases.tryAcquire('release', 'b', 60_000, t0)).toBe(true);
  });

  it('of ten instances asking at once, one gets it', async () => {
    const leases = createLeaseRepository(database.db);
    const asks = await Promise.all(
      Array.from({ length: 10 }, (_, i) => leases.tryAcquire('race', `i${i}`, 60_000, t0)),
    );
    expect(asks.filter(Boolean)).toHaveLength(1);
  });
});
