import { describePosition, type OrderSetupSnapshot } from '../../flows/order-setup.steps.js';
import type { Effect } from './setup-effects.js';

/**
 * The order-progress effect that keeps the order's current step in line with the setup. It names
 * the setup's revision, so that one carried out again after a later one (a crash left both
 * pending) does not take the order back.
 */
export function progressEffect(snapshot: OrderSetupSnapshot, by: string, rev: number): Effect | undefined {
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
      rev,
    },
    by,
  };
}
