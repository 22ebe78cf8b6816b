import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { ORDER_SETUP_VERSION, orderSetupMachine } from '../../flows/order-setup.machine.js';
import type { Migration } from '../../flows/order-setup.migrations.js';
import { restoreOrRestart } from '../../flows/order-setup.persistence.js';
import { advanceOrderSetup, toStoredOrderSetup } from '../../flows/order-setup.runtime.js';
import { describePosition, isSetupEnded, type OrderSetupSnapshot } from '../../flows/order-setup.steps.js';
import { E, ORDER, PARTNER_PATH, partnerAt, step } from './order-setup.helpers.js';

const V0_FIXTURE: unknown = JSON.parse(
  readFileSync(new URL('./fixtures/order-setup-v0.snapshot.json', import.meta.url), 'utf8'),
);

/** Stores a snapshot the way the repository does (JSON text) and reads it back. */
function roundTrip(snapshot: OrderSetupSnapshot) {
  const stored = toStoredOrderSetup(snapshot);
  return restoreOrRestart({
    machineId: stored.machineId,
    version: stored.version,
    snapshotJson: JSON.stringify(stored.snapshot),
  });
}

function restored(result: ReturnType<typeof restoreOrRestart>): OrderSetupSnapshot {
  if (result.kind === 'restart') throw new Error(`expected a snapshot, got restart (${result.reason})`);
  return result.snapshot;
}

describe('persisted snapshots', () => {
  it.each(Object.keys(PARTNER_PATH))(
    'restores a conversation saved at %s, and it goes on the same way',
    (view) => {
      const original = partnerAt(view);
      const result = roundTrip(original);
      expect(result.kind).toBe('restored');
      const back = restored(result);
      expect(back.value).toEqual(original.value);
      expect(back.context).toEqual(original.context);
      const next = view === 'review' ? E.confirm : E.back;
      if (view === 'role') return;
      expect(advanceOrderSetup(back, next)).toEqual(advanceOrderSetup(original, next));
    },
  );

  it('describes the stored columns (owner, step, status)', () => {
    expect(toStoredOrderSetup(partnerAt('customerOrg'))).toMatchObject({
      machineId: 'order-setup',
      version: ORDER_SETUP_VERSION,
      ownerEmail: 'ana@partner.example',
      step: 'customerOrg',
      status: 'active',
    });
    const ended = step(partnerAt('review'), E.confirm);
    expect(toStoredOrderSetup(ended)).toMatchObject({ step: 'done', status: 'done' });
    expect(isSetupEnded(restored(roundTrip(ended)))).toBe(true);
  });

  it('round-trips with actors too: getPersistedSnapshot → createActor({ snapshot })', () => {
    const actor = createActor(orderSetupMachine, { input: ORDER });
    actor.start();
    actor.send(E.partner);
    actor.send(E.myself);
    const persisted = actor.getPersistedSnapshot();
    actor.stop();
    // `input` is required by the types but ignored when a snapshot is given.
    const fromActor = createActor(orderSetupMachine, {
      snapshot: JSON.parse(JSON.stringify(persisted)),
      input: ORDER,
    });
    fromActor.start();
    expect(fromActor.getSnapshot().value).toBe('partnerOrg');
    const pure = restored(restoreOrRestart({ machineId: 'order-setup', version: 1, snapshot: persisted }));
    expect(pure.value).toBe('partnerOrg');
    fromActor.stop();
  });
});

describe('older, newer and damaged envelopes', () => {
  it('migrates the version 0 fixture and the conversation goes on', () => {
    const result = restoreOrRestart(V0_FIXTURE);
    expect(result).toMatchObject({ kind: 'migrated', fromVersion: 0 });
    const snapshot = restored(result);
    expect(snapshot.value).toEqual({ customerOrg: 'choose' });
    expect(snapshot.context).toMatchObject({
      orderId: 'CCW-0042',
      locale: 'hr',
      ownerEmail: 'marko@partner.example',
      previousOwners: ['ana@partner.example'],
      answers: {
        role: 'partner',
        whoSetsUp: 'colleague',
        partnerOrg: { mode: 'existing', orgId: 'org-partner-1' },
        company: { name: 'Kupac d.d.', countryCode: 'HR', regionCode: 'eu' },
      },
    });
    expect(describePosition(snapshot)).toMatchObject({ view: 'customerOrg', n: 6, total: 7 });
    expect(step(snapshot, E.newOrg).value).toBe('review');
  });

  const v0 = (patch: Record<string, unknown>, contextPatch: Record<string, unknown> = {}) => {
    const fixture = JSON.parse(JSON.stringify(V0_FIXTURE));
    Object.assign(fixture.snapshot, patch);
    Object.assign(fixture.snapshot.context, contextPatch);
    return fixture;
  };

  it.each([
    ['a state with no counterpart (the old region step)', v0({ value: 'chooseRegion' }), 'migration_failed'],
    ['a summary with answers missing', v0({ value: 'summary' }), 'migration_failed'],
    ['a damaged version 0 context', v0({}, { contact: 42 }), 'migration_failed'],
    ['a newer version', { machineId: 'order-setup', version: 99, snapshot: {} }, 'newer_version'],
    ['another machine', { machineId: 'other', version: 1, snapshot: {} }, 'unknown_machine'],
    ['no envelope', null, 'invalid_envelope'],
    ['a string', 'garbage', 'invalid_envelope'],
    ['a negative version', { machineId: 'order-setup', version: -1, snapshot: {} }, 'invalid_envelope'],
    ['no snapshot', { machineId: 'order-setup', version: 1 }, 'invalid_snapshot'],
    [
      'JSON text that is not JSON',
      { machineId: 'order-setup', version: 1, snapshotJson: '{oops' },
      'invalid_snapshot',
    ],
    [
      'an unknown state',
      { machineId: 'order-setup', version: 1, snapshot: { status: 'active', value: 'gone', context: {} } },
      'invalid_snapshot',
    ],
  ])('restarts cleanly for %s', (_, envelope, reason) => {
    expect(restoreOrRestart(envelope)).toEqual({ kind: 'restart', reason });
  });

  it('restarts when a stored context breaks the rules (needsAttention without a reason)', () => {
    const stored = toStoredOrderSetup(partnerAt('review'));
    const persisted = JSON.parse(JSON.stringify(stored.snapshot));
    persisted.value = 'needsAttention';
    expect(restoreOrRestart({ machineId: 'order-setup', version: 1, snapshot: persisted })).toEqual({
      kind: 'restart',
      reason: 'invalid_snapshot',
    });
  });

  it('restarts when no migration covers the version, or a migration throws', () => {
    expect(restoreOrRestart(V0_FIXTURE, [])).toEqual({ kind: 'restart', reason: 'no_migration' });
    const throwing: Migration[] = [
      {
        from: 0,
        to: 1,
        migrate: () => {
          throw new Error('boom');
        },
      },
    ];
    expect(restoreOrRestart(V0_FIXTURE, throwing)).toEqual({ kind: 'restart', reason: 'migration_failed' });
  });
});
