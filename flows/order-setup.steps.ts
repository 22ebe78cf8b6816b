import type { SnapshotFrom } from 'xstate';
import type { orderSetupMachine } from './order-setup.machine.js';
import type { AttentionReason, OrderSetupContext } from './order-setup.schemas.js';
import { STEP_IDS, type StepId, stepOfView, stepsFor, type ViewId } from './steps/index.js';

/**
 * Where a conversation stands among the setup steps (the steps themselves are in `steps/`): the
 * view a snapshot shows, its step and "n of N", or how it ended.
 */

export type OrderSetupSnapshot = SnapshotFrom<typeof orderSetupMachine>;

/** Where a conversation stands: a step (with its progress), or one of the two endings. */
export type Position =
  | { kind: 'step'; step: StepId; view: ViewId; n: number; total: number }
  | { kind: 'done' }
  | { kind: 'needsAttention'; reason: AttentionReason };

/**
 * Whether the setup has ended: done, or waiting for a person because it needs attention. Both
 * can be reopened from outside (see `order-setup.reopen.ts`), so they are not final states.
 */
export function isSetupEnded(snapshot: OrderSetupSnapshot): boolean {
  return snapshot.value === 'done' || snapshot.value === 'needsAttention';
}

/** The view shown for a snapshot; null once the conversation has ended. */
export function currentView(snapshot: OrderSetupSnapshot): ViewId | null {
  const value = snapshot.value;
  if (typeof value === 'object')
    return value.customerOrg === 'confirmExisting' ? 'customerOrgConfirm' : 'customerOrg';
  if (value === 'done' || value === 'needsAttention') return null;
  return value;
}

/** Step id, "n of N" and the view to render, for progress display and stale-card checks. */
export function describePosition(snapshot: OrderSetupSnapshot): Position {
  const view = currentView(snapshot);
  if (view === null) {
    const reason = snapshot.context.attention;
    return snapshot.value === 'needsAttention' && reason !== null
      ? { kind: 'needsAttention', reason }
      : { kind: 'done' };
  }
  return { kind: 'step', view, ...stepProgress(view, snapshot.context) };
}

/** Step number and total for a view, given the answers so far. */
export function stepProgress(
  view: ViewId,
  context: OrderSetupContext,
): { step: StepId; n: number; total: number } {
  const step = stepOfView(view).id;
  const steps = stepsFor(context.answers.role);
  // A partner-only step never shows for a customer, but stay total-safe if data says otherwise.
  const index = steps.indexOf(step);
  return { step, n: index === -1 ? STEP_IDS.indexOf(step) + 1 : index + 1, total: steps.length };
}
