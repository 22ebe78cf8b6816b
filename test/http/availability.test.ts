import { describe, expect, it } from 'vitest';
import { createAvailabilityCheck } from '../../src/http/availability.js';

describe('the availability check of /api', () => {
  it('trusts an answered ping for a second, and asks again after it', async () => {
    let clock = 0;
    let pings = 0;
    const check = createAvailabilityCheck(
      async () => {
        pings += 1;
        return true;
      },
      1_000,
      () => clock,
    );
    expect(await check()).toBe(true);
    clock = 999;
    expect(await check()).toBe(true);
    expect(pings).toBe(1);
    clock = 1_000;
    expect(await check()).toBe(true);
    expect(pings).toBe(2);
  });

  it('never trusts a failed ping, and shares one ping between requests arriving together', async () => {
    let pings = 0;
    let answer = false;
    const check = createAvailabilityCheck(async () => {
      pings += 1;
      return answer;
    });
    expect(await Promise.all([check(), check(), check()])).toEqual([false, false, false]);
    expect(pings).toBe(1);
    expect(await check()).toBe(false);
    expect(pings).toBe(2);
    answer = true;
    expect(await check()).toBe(true);
  });
});
