import { createHash } from 'node:crypto';
import type { ParsedCardAction } from '../../flows/card-action.schema.js';
import { restoreOrRestart } from '../../flows/order-setup.persistence.js';
import { startOrderSetup, toStoredOrderSetup } from '../../flows/order-setup.runtime.js';
import type { OrderSetupSnapshot } from '../../flows/order-setup.steps.js';
import type { LastSubmit, SetupDocument, SetupState } from '../storage/setups.repository.js';

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

/**
 * How many of a setup's latest events are remembered: a replay comes from the inbox's recovery,
 * within seconds of the outage or restart that left it, far fewer clicks than this later.
 */
const EVENTS_REMEMBERED = 20;

/** Whether this event (a click's attachment action id) already made a transition of the setup. */
export function hasApplied(doc: SetupDocument, eventId: string): boolean {
  return doc.appliedEvents?.includes(eventId) ?? false;
}

/** The setup's remembered events with this one added, the oldest dropped past the bound. */
export function withApplied(doc: SetupDocument | undefined, eventId: string): string[] {
  return [...(doc?.appliedEvents ?? []), eventId].slice(-EVENTS_REMEMBERED);
}

/** The columns saved with a snapshot; `lastSubmit` is the click that made the transition, if one did. */
export function stateOf(snapshot: OrderSetupSnapshot, lastSubmit: LastSubmit | null = null): SetupState {
  const stored = toStoredOrderSetup(snapshot);
  return {
    machineId: stored.machineId,
    version: stored.version,
    snapshotJson: JSON.stringify(stored.snapshot),
    ownerEmail: stored.ownerEmail,
    step: stored.step,
    status: stored.status,
    lastSubmit,
  };
}

/**
 * What identifies a click: its action and a digest of the card it came from and every value it
 * sent (choice, language, typed inputs). Two clicks of one button with the same inputs match; any
 * other button, or the same one with other inputs, does not.
 */
export function describeSubmit(submit: ParsedCardAction): LastSubmit {
  const { envelope, inputs } = submit;
  const sent = {
    orderId: envelope.orderId,
    step: envelope.step,
    rev: envelope.rev,
    action: envelope.action,
    choice: envelope.choice ?? null,
    locale: envelope.locale ?? null,
    inputs: Object.entries(inputs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  };
  const digest = createHash('sha256').update(JSON.stringify(sent)).digest('hex');
  return { action: envelope.action, digest };
}

/** Whether `submit` repeats the click that made the last transition (the same card, button and inputs). */
export function repeatsLastSubmit(doc: SetupDocument, submit: ParsedCardAction): boolean {
  const last = doc.lastSubmit ?? null;
  if (last === null) return false;
  const again = describeSubmit(submit);
  return last.action === again.action && last.digest === again.digest;
}
