import { describePosition, type OrderSetupSnapshot } from '../../flows/order-setup.steps.js';
import type { Effect } from './effects.js';

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
