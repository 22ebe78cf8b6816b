import type { CustomerOrg } from './directory.js';

export type TrialStatus = 'none' | 'active' | 'expired';

/** The calendar date (`YYYY-MM-DD`) it is at `now` in `timeZone`. */
export function calendarDate(now: Date, timeZone = 'UTC'): string {
  // en-CA formats dates as YYYY-MM-DD, so no part-by-part assembly is needed.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** `date` (`YYYY-MM-DD`) moved by `days` calendar days (negative goes back). */
export function addDays(date: string, days: number): string {
  const moved = new Date(`${date}T00:00:00Z`);
  moved.setUTCDate(moved.getUTCDate() + days);
  return moved.toISOString().slice(0, 10);
}

/**
 * Whether the organization has a trial and whether it is still running at `now`. A trial runs through
 * the whole of its `expiresOn` day in `timeZone` (UTC unless the operator's zone is given).
 */
export function trialStatus(org: Pick<CustomerOrg, 'trial'>, now: Date, timeZone = 'UTC'): TrialStatus {
  if (org.trial === null) return 'none';
  return calendarDate(now, timeZone) > org.trial.expiresOn ? 'expired' : 'active';
}

/** True when the organization had a trial and it has ended; an order cannot be mapped to it then. */
export function isTrialExpired(org: Pick<CustomerOrg, 'trial'>, now: Date, timeZone = 'UTC'): boolean {
  return trialStatus(org, now, timeZone) === 'expired';
}
