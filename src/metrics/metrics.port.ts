/**
 * What the bot's parts report for monitoring. Parts receive a `Metrics` at construction and never
 * know how (or whether) it is exported; `NO_METRICS` is what they get when nobody listens.
 */

/**
 * What became of one setup card submit: `advanced` (a transition was saved), `conflict` (another
 * click or instance saved first), `answered` (answered without moving: invalid input, an old or
 * closed card, a show-only button), `failed` (the handler threw).
 */
export type SubmitOutcome = 'advanced' | 'conflict' | 'answered' | 'failed';

/** A database failure as the bot tells them apart: unreachable right now, or anything else. */
export type DatabaseErrorKind = 'unavailable' | 'other';

/** One scheduler round: how late it started against when it was due, and how long it ran. */
export interface SchedulerRoundReport {
  lateMs: number;
  durationMs: number;
  ok: boolean;
}

export interface Metrics {
  /** A setup card submit was handled: the step of the card, what became of it, and how long it took. */
  cardSubmitHandled(step: string, outcome: SubmitOutcome, seconds: number): void;
  /** One Webex REST call through the gateway, after its retries: `status` of the last answer. */
  webexCall(endpoint: string, status: string, seconds: number): void;
  schedulerRound(report: SchedulerRoundReport): void;
  databaseError(kind: DatabaseErrorKind): void;
  /** The webhook watch checked: how many of the bot's needed webhooks are inactive or missing now. */
  webhooksBroken(count: number): void;
  /** The webhook watch set a webhook active again, or created a missing one again. */
  webhookMended(action: 'reactivated' | 'recreated'): void;
}

/** Reports nothing: the default of every part, and what tests that do not read metrics use. */
export const NO_METRICS: Metrics = {
  cardSubmitHandled() {},
  webexCall() {},
  schedulerRound() {},
  databaseError() {},
  webhooksBroken() {},
  webhookMended() {},
};
