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

/** What resolving a setup that waits for a person did. */
export type ResolveResult =
  /** Back at `step` with `owner`, answers kept; the order is in progress again. */
  | { kind: 'resolved'; owner: string; step: string }
  /** No setup began: only the order moves on (its invitation, if that failed, goes out again). */
  | { kind: 'no_setup' }
  /** The setup is under way (or finished with its order): nothing to reopen. */
  | { kind: 'not_waiting' }
  | { kind: 'busy' };

/** Returns a setup that waits for a person to the step concerned, and tells its owner. */
export type ResolveSetup = (orderId: string, by: string) => Promise<ResolveResult>;
