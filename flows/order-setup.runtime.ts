import { initialTransition, transition } from 'xstate';
import { type OrderSetupEvent, orderSetupEventSchema } from './order-setup.events.js';
import { ORDER_SETUP_ID, ORDER_SETUP_VERSION, orderSetupMachine } from './order-setup.machine.js';
import { REOPEN_EVENTS } from './order-setup.reopen.js';
import {
  type AttentionReason,
  type Locale,
  type OrderSetupInput,
  orderSetupInputSchema,
} from './order-setup.schemas.js';
import { currentView, isSetupEnded, type OrderSetupSnapshot } from './order-setup.steps.js';
import type { ViewId } from './steps/index.js';

/**
 * Pure helpers so the conversation never runs an actor: start, advance, persist. XState 5.33 offers
 * `initialTransition` and `transition` (pure, return the actions instead of running them); this
 * machine has only `assign` actions, which are applied inside the transition, so nothing is lost.
 */

/** The first snapshot of a new conversation. Throws on an invalid input: that is a caller bug. */
export function startOrderSetup(input: OrderSetupInput): OrderSetupSnapshot {
  const [snapshot] = initialTransition(orderSetupMachine, orderSetupInputSchema.parse(input));
  return snapshot;
}

/** What a transition means for the conversation's effects (next card, notices, order status). */
export type Outcome =
  | { kind: 'moved' }
  | { kind: 'handedOff'; from: string; to: string }
  | { kind: 'restarted' }
  | { kind: 'localeChanged'; locale: Locale }
  | { kind: 'completed' }
  | { kind: 'needsAttention'; reason: AttentionReason };

export type AdvanceResult =
  | { kind: 'rejected' }
  | { kind: 'advanced'; snapshot: OrderSetupSnapshot; outcome: Outcome };

/**
 * Applies one event. `rejected` means the event is malformed or no transition is enabled (wrong
 * step, or a guard refused): nothing must be saved. Every event is checked here, once, with its
 * schema (normalised: trimmed, lower-cased), so the machine's guards and actions trust it and a
 * forged or half-built event still cannot move the flow; the guards re-check the business rules.
 */
export function advanceOrderSetup(snapshot: OrderSetupSnapshot, event: OrderSetupEvent): AdvanceResult {
  const parsed = orderSetupEventSchema.safeParse(event);
  if (!parsed.success || snapshot.status !== 'active' || !snapshot.can(parsed.data))
    return { kind: 'rejected' };
  // An ended setup takes only the events that reopen it (not RESTART, SET_LOCALE or REASSIGN).
  if (isSetupEnded(snapshot) && !REOPEN_EVENTS.has(parsed.data.type)) return { kind: 'rejected' };
  const [next] = transition(orderSetupMachine, snapshot, parsed.data);
  return { kind: 'advanced', snapshot: next, outcome: describeOutcome(snapshot, next, parsed.data) };
}

function describeOutcome(
  before: OrderSetupSnapshot,
  after: OrderSetupSnapshot,
  event: OrderSetupEvent,
): Outcome {
  if (after.value === 'done') return { kind: 'completed' };
  if (after.value === 'needsAttention' && after.context.attention !== null)
    return { kind: 'needsAttention', reason: after.context.attention };
  if (before.context.ownerEmail !== after.context.ownerEmail)
    return { kind: 'handedOff', from: before.context.ownerEmail, to: after.context.ownerEmail };
  if (event.type === 'RESTART') return { kind: 'restarted' };
  if (event.type === 'SET_LOCALE') return { kind: 'localeChanged', locale: after.context.locale };
  return { kind: 'moved' };
}

export type SetupStatus = 'active' | 'done' | 'needs_attention';

/** What to store: the envelope fields plus the columns the repository indexes. */
export interface StoredOrderSetup {
  machineId: string;
  version: number;
  /** Plain JSON (`getPersistedSnapshot`); restore with `restoreOrRestart`. */
  snapshot: unknown;
  ownerEmail: string;
  step: ViewId | 'done' | 'needsAttention';
  status: SetupStatus;
}

/** The persisted form of a snapshot and the columns that describe it. */
export function toStoredOrderSetup(snapshot: OrderSetupSnapshot): StoredOrderSetup {
  const view = currentView(snapshot);
  const ended = snapshot.value === 'done' || snapshot.value === 'needsAttention' ? snapshot.value : null;
  return {
    machineId: ORDER_SETUP_ID,
    version: ORDER_SETUP_VERSION,
    snapshot: orderSetupMachine.getPersistedSnapshot(snapshot),
    ownerEmail: snapshot.context.ownerEmail,
    step: view ?? ended ?? 'done',
    status: ended === 'needsAttention' ? 'needs_attention' : ended === 'done' ? 'done' : 'active',
  };
}
