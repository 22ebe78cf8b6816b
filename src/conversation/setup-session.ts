import { restoreOrRestart } from '../../flows/order-setup.persistence.js';
import { startOrderSetup, toStoredOrderSetup } from '../../flows/order-setup.runtime.js';
import { describePosition, type OrderSetupSnapshot } from '../../flows/order-setup.steps.js';
import type { SetupDocument, SetupState } from '../storage/setups.repository.js';
import type { EffectApplier } from './effect-applier.js';
import type { Effect } from './effects.js';

/** A stored setup, restored: the snapshot to advance and the revision it was read at. */
export interface LoadedSetup {
  doc: SetupDocument;
  snapshot: OrderSetupSnapshot;
  rev: number;
  /** Set when the stored snapshot could not be restored and a fresh one replaces it. */
  restartedBecause?: string;
}

/** Restores a stored envelope; an unreadable or unmigratable one restarts cleanly at step 1. */
export function restoreSetup(doc: SetupDocument): LoadedSetup {
  const restored = restoreOrRestart({
    machineId: doc.machineId,
    version: doc.version,
    snapshotJson: doc.snapshotJson,
  });
  if (restored.kind !== 'restart') return { doc, snapshot: restored.snapshot, rev: doc.rev };
  const fresh = startOrderSetup(inputFromStored(doc));
  return { doc, snapshot: fresh, rev: doc.rev, restartedBecause: restored.reason };
}

/** The order facts to start again from, read leniently out of whatever was stored. */
function inputFromStored(doc: SetupDocument) {
  let context: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(doc.snapshotJson);
    if (typeof parsed === 'object' && parsed !== null && 'context' in parsed) {
      const inner = parsed.context;
      if (typeof inner === 'object' && inner !== null) context = { ...inner };
    }
  } catch {
    // Garbage: start from the envelope's own columns.
  }
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    orderId: doc._id,
    locale: context.locale === 'hr' ? ('hr' as const) : ('en' as const),
    contactEmail: text(context.contactEmail) ?? doc.ownerEmail,
    ownerEmail: doc.ownerEmail,
    partnerName: text(context.partnerName),
    customerName: text(context.customerName),
    partnerOrg: null,
    trial: null,
  };
}

/** The columns saved with a snapshot. */
export function stateOf(snapshot: OrderSetupSnapshot): SetupState {
  const stored = toStoredOrderSetup(snapshot);
  return {
    machineId: stored.machineId,
    version: stored.version,
    snapshotJson: JSON.stringify(stored.snapshot),
    ownerEmail: stored.ownerEmail,
    step: stored.step,
    status: stored.status,
  };
}

/**
 * Saves the transition from `loaded` to `snapshot` with its effects in one compare-and-set, then
 * carries them out; undefined (nothing saved) when another click or instance saved first.
 */
export function commitTransition(
  effects: EffectApplier,
  loaded: LoadedSetup,
  snapshot: OrderSetupSnapshot,
  caused: readonly Effect[],
) {
  const write = { kind: 'update', id: loaded.doc._id, rev: loaded.rev, change: stateOf(snapshot) } as const;
  return effects.commitAndRun(write, caused);
}

/** The order-progress effect that keeps the order's current step in line with the setup. */
export function progressEffect(snapshot: OrderSetupSnapshot, by: string): Effect | undefined {
  const position = describePosition(snapshot);
  if (position.kind !== 'step') return undefined;
  return {
    kind: 'orderProgress',
    orderId: snapshot.context.orderId,
    progress: {
      step: position.step,
      stepNumber: position.n,
      totalSteps: position.total,
      ownerEmail: snapshot.context.ownerEmail,
    },
    by,
  };
}
