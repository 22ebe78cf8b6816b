import { describe, expect, it } from 'vitest';
import { createRatePacer } from '../../src/webex/rate-pacer.js';

/** A clock that only moves when someone sleeps, so the pacer's decisions are exact. */
function fakeTime() {
  let t = 0;
  const slept: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      slept.push(ms);
      t += ms;
    },
    slept,
    advance: (ms: number) => {
      t += ms;
    },
  };
}

describe('rate pacer', () => {
  it('lets calls through at once while no limit was seen', async () => {
    const time = fakeTime();
    const pacer = createRatePacer({ now: time.now, sleep: time.sleep });
    for (let i = 0; i < 50; i += 1) await pacer.acquire();
    expect(time.slept).toEqual([]);
    expect(pacer.currentRate()).toBeUndefined();
  });

  it('holds every caller until the time a 429 named', async () => {
    const time = fakeTime();
    const pacer = createRatePacer({ now: time.now, sleep: time.sleep });
    await pacer.acquire();
    pacer.rateLimited(2_000);
    await pacer.acquire();
    expect(time.now()).toBe(2_000);
    time.advance(10);
    await pacer.acquire();
    expect(time.now()).toBe(2_010);
  });

  it('waits a second when the 429 named no time', async () => {
    const time = fakeTime();
    const pacer = createRatePacer({ now: time.now, sleep: time.sleep });
    pacer.rateLimited(undefined);
    await pacer.acquire();
    expect(time.now()).toBe(1_000);
  });

  it('with learning on, paces at a little under what got through, and probes upwards when quiet', async () => {
    const time = fakeTime();
    const pacer = createRatePacer({ now: time.now, sleep: time.sleep, learnRate: true, probeAfterMs: 5_000 });
    for (let i = 0; i < 11; i += 1) {
      await pacer.acquire();
      time.advance(50);
    }
    pacer.rateLimited(1_000);
    const learned = pacer.currentRate();
    expect(learned).toBeCloseTo(10 * 0.95, 5);
    const start = time.now();
    for (let i = 0; i < 20; i += 1) await pacer.acquire();
    const elapsed = time.now() - start;
    // 20 calls at 9.5/s after a one-second pause: about 1 s + 19 intervals of ~105 ms.
    expect(elapsed).toBeGreaterThan(2_900);
    time.advance(6_000);
    await pacer.acquire();
    expect(pacer.currentRate()).toBeGreaterThan(learned ?? 0);
  });
});
