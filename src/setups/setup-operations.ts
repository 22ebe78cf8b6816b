/**
 * Operations on a stored setup that others than the setup's own handlers ask for (administrators,
 * the orders service). Their callers get them as functions, so nobody reaches into the handlers.
 */

/** What moving a setup to another person did. */
export type ReassignResult =
  | { kind: 'reassigned'; from: string; to: string }
  | { kind: 'no_setup' }
  | { kind: 'unchanged' }
  | { kind: 'ended' }
  | { kind: 'busy' };

/**
 * Moves an active setup, with the answers given so far, to another person and tells both.
 * `onlyIfOwner` moves it only away from that owner; `invite: false` skips the note to the new
 * owner saying who asked.
 */
export type ReassignSetup = (
  orderId: string,
  email: string,
  by: string,
  options?: { onlyIfOwner?: string; invite?: boolean },
) => Promise<ReassignResult>;
