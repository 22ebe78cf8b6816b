import { describe, expect, it } from 'vitest';
import { startSetup } from '../conversation/setup-walk.js';
import { parseExposition, type Sample, sampleValue } from '../metrics/exposition.js';
import { stepOf } from '../support/setup-client.js';
import { type TestApp, type TestPerson, waitFor } from '../support/test-app.js';
import { useTestApp } from '../support/use-test-app.js';

/**
 * What the bot keeps in memory per space stays bounded however many spaces it has seen: the
 * framework spawns an object for every space it sees an event of (a person's first message, the
 * bot's membership when an invitation opens a space), and the bot lets the least recently active
 * go past `WEBEX_SPACES_KEPT`. Counted through `/metrics` (`wxcc_tracked_entries`), not timed.
 */

const KEPT = 15;
const TALKERS = 120;
const INVITED = 12;

async function tracked(app: TestApp): Promise<Sample[]> {
  const response = await fetch(`${app.url}/metrics`, {
    headers: { authorization: `Bearer ${app.ordersApiToken}` },
  });
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  return parseExposition(await response.text()).filter((s) => s.name === 'wxcc_tracked_entries');
}

const entries = (samples: Sample[], structure: string) =>
  sampleValue(samples, 'wxcc_tracked_entries', { structure });

/** Runs `work` for 0..count-1, `parallel` at a time. */
async function inParallel(count: number, parallel: number, work: (i: number) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < count) await work(next++);
  };
  await Promise.all(Array.from({ length: parallel }, lane));
}

describe('memory kept per space', () => {
  const app = useTestApp({ env: { WEBEX_SPACES_KEPT: String(KEPT) } });

  it(`keeps at most ${KEPT} spaces in the framework after ${TALKERS + INVITED} spaces, and still answers a space let go`, async () => {
    const people: TestPerson[] = [];
    let most = 0;
    // Each person opens a 1:1 space with the bot by writing to it, and is answered.
    await inParallel(TALKERS, 8, async (i) => {
      const person = await app.person(`talker.${i}@partner.example`);
      people.push(person);
      await person.say('help');
      await person.waitForMessages(1, 30_000);
      if (i % 20 === 19) most = Math.max(most, entries(await tracked(app), 'framework_spaces') ?? 0);
    });
    // The bot opens the space itself (an invitation), and the person clicks a card.
    await inParallel(INVITED, 4, async (i) => {
      const { role } = await startSetup(app, `invited.${i}@partner.example`, `SPACES-${i}`);
      expect(stepOf(role)).toBe('role');
    });

    const samples = await waitFor('every event handled', async () => {
      const now = await tracked(app);
      return entries(now, 'event_lanes') === 0 && entries(now, 'event_prefetches') === 0 ? now : undefined;
    });
    const spaces = entries(samples, 'framework_spaces') ?? Number.NaN;
    most = Math.max(most, spaces);
    // Spawned (a bound of 0 would pass an app that never spawns), and never more than the bound.
    expect(spaces).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(KEPT);
    expect(entries(samples, 'intake_held')).toBe(0);
    expect(entries(samples, 'people_cached')).toBeLessThanOrEqual(INVITED);

    // The first space was let go long ago: the person is answered there all the same.
    const first = people[0];
    if (first === undefined) throw new Error('no person');
    const before = (await first.messagesFromBot()).length;
    await first.say('help');
    await first.waitForMessages(before + 1, 30_000);
    expect(entries(await tracked(app), 'framework_spaces')).toBeLessThanOrEqual(KEPT);
  }, 180_000);
});
