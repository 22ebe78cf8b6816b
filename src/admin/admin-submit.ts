import { type AdminAction, adminActionSchema } from '../../cards/admin/admin-action.schema.js';
import type { AdminCommandName, UsageProblem } from '../../cards/admin/admin-notice.card.js';
import type { ListCursor } from '../../cards/admin/order-list.card.js';
import { type AdminCommand, checkClaimId, checkEmail, checkOrderId } from './admin-command.parser.js';

/** A card button of the administrators' cards, read as the command it stands for. */
export type AdminSubmitCommand =
  | { kind: 'command'; command: AdminCommand; cursor?: ListCursor }
  | { kind: 'malformed'; command: AdminCommandName; problem: UsageProblem };

function fromAction(action: AdminAction): AdminSubmitCommand {
  switch (action.admin) {
    case 'status':
    case 'remind':
    case 'resolve':
      return { kind: 'command', command: { kind: action.admin, orderId: action.orderId } };
    case 'report':
      return { kind: 'command', command: { kind: 'report' } };
    case 'orders':
    case 'attention': {
      const command: AdminCommand =
        action.admin === 'orders'
          ? { kind: 'orders', filter: action.filter, page: action.page }
          : { kind: 'attention', page: action.page };
      // A cursor is both halves or none: a forged half is ignored, and the list starts over.
      if (action.afterAt === undefined || action.afterId === undefined) return { kind: 'command', command };
      return { kind: 'command', command, cursor: { afterAt: action.afterAt, afterId: action.afterId } };
    }
    case 'claim': {
      const claimId = checkClaimId(action.claimId);
      if (!claimId.ok) return { kind: 'malformed', command: action.decision, problem: claimId.problem };
      return { kind: 'command', command: { kind: action.decision, claimId: claimId.value } };
    }
    case 'reassign': {
      const email = action.reassignEmail?.trim() ?? '';
      if (email === '') return { kind: 'malformed', command: 'reassign', problem: { code: 'missingEmail' } };
      // The card's field gets exactly the checks of the typed command.
      const orderId = checkOrderId(action.orderId);
      if (!orderId.ok) return { kind: 'malformed', command: 'reassign', problem: orderId.problem };
      const checked = checkEmail(email);
      if (!checked.ok) return { kind: 'malformed', command: 'reassign', problem: checked.problem };
      return { kind: 'command', command: { kind: 'reassign', orderId: orderId.value, email: checked.value } };
    }
  }
}

/** Reads the inputs of an administrators' card submit (the action's `data` merged with the inputs). */
export function parseAdminSubmit(inputs: Record<string, unknown>): AdminSubmitCommand {
  const parsed = adminActionSchema.safeParse(inputs);
  if (!parsed.success) return { kind: 'malformed', command: 'status', problem: { code: 'unreadableCard' } };
  return fromAction(parsed.data);
}
