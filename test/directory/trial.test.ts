import { describe, expect, it } from 'vitest';
import { addDays, calendarDate, isTrialExpired, trialStatus } from '../../src/directory/trial.js';

const withTrial = (expiresOn: string) => ({ trial: { expiresOn, adminEmail: 'admin@customer.example.com' } });

describe('trial expiry', () => {
  it('runs through the whole of its last day and has expired the day after (UTC)', () => {
    const org = withTrial('2026-03-31');
    expect(trialStatus(org, new Date('2026-03-31T00:00:00Z'))).toBe('active');
    expect(trialStatus(org, new Date('2026-03-31T23:59:59Z'))).toBe('active');
    expect(trialStatus(org, new Date('2026-04-01T00:00:00Z'))).toBe('expired');
    expect(isTrialExpired(org, new Date('2026-04-01T00:00:00Z'))).toBe(true);
  });

  it('judges the last day in the time zone it is given', () => {
    const org = withTrial('2026-03-31');
    // 23:30 UTC on the 31st is already 1 April in Zagreb (UTC+2 in summer time).
    const lateEvening = new Date('2026-03-31T23:30:00Z');
    expect(trialStatus(org, lateEvening, 'UTC')).toBe('active');
    expect(trialStatus(org, lateEvening, 'Europe/Zagreb')).toBe('expired');
  });

  it('answers none, and not expired, for an organization without a trial', () => {
    expect(trialStatus({ trial: null }, new Date())).toBe('none');
    expect(isTrialExpired({ trial: null }, new Date())).toBe(false);
  });

  it('computes calendar dates across month and leap-year ends', () => {
    expect(calendarDate(new Date('2028-02-28T12:00:00Z'))).toBe('2028-02-28');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-02-28', 1)).toBe('2027-03-01');
    expect(addDays('2026-01-05', -14)).toBe('2025-12-22');
  });
});
