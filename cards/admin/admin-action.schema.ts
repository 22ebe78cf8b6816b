import { z } from 'zod';
import { ORDER_STATUSES } from '../../flows/order-view.types.js';

/**
 * What the buttons of the administrators' cards carry in `data`. The `admin` key marks a submit as
 * theirs, so the event router can hand it over without knowing the rest; setup cards never use it.
 * Webex merges `data` with the card's inputs, so the one input (`reassignEmail`) must not reuse
 * these keys.
 */

/** The key whose presence marks a submit as an administrators' card action. */
export const ADMIN_ACTION_KEY = 'admin';

/** Which orders a list shows: one status, the open ones, the closed ones, or all. */
export const ORDER_FILTERS = ['all', 'open', 'closed', ...ORDER_STATUSES] as const;
export type OrderFilter = (typeof ORDER_FILTERS)[number];

const orderId = z.string().trim().min(1).max(64);
const page = z.coerce.number().int().min(1).max(10_000);
/**
 * The position after which the page starts (newest activity first), as the previous page ended;
 * absent on a first page. Only both together make a cursor.
 */
const cursor = { afterAt: z.iso.datetime().optional(), afterId: z.string().min(1).max(64).optional() };

export const adminActionSchema = z.discriminatedUnion('admin', [
  z.object({ admin: z.literal('status'), orderId }),
  z.object({ admin: z.literal('orders'), filter: z.enum(ORDER_FILTERS), page, ...cursor }),
  z.object({ admin: z.literal('attention'), page, ...cursor }),
  z.object({ admin: z.literal('report') }),
  z.object({ admin: z.literal('remind'), orderId }),
  z.object({ admin: z.literal('resolve'), orderId }),
  z.object({ admin: z.literal('reassign'), orderId, reassignEmail: z.string().max(254).optional() }),
  // Approve or refuse a held domain or address; the id is checked as a typed one is.
  z.object({
    admin: z.literal('claim'),
    claimId: z.string().max(64),
    decision: z.enum(['approve', 'refuse']),
  }),
]);

/** A parsed administrators' card action. */
export type AdminAction = z.infer<typeof adminActionSchema>;
/** What a card puts in an action's `data` (inputs such as `reassignEmail` come from the card). */
export type AdminActionData = z.input<typeof adminActionSchema>;
export type AdminActionName = AdminAction['admin'];

/** The id of the reassignment email input on the status card. */
export const REASSIGN_EMAIL_INPUT = 'reassignEmail';

/** True when a submit's inputs carry the administrators' marker (whatever the rest holds). */
export function isAdminActionInputs(inputs: Record<string, unknown>): boolean {
  return Object.hasOwn(inputs, ADMIN_ACTION_KEY);
}
