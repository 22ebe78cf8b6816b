import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { type TestApp, waitFor } from '../support/test-app.js';

/**
 * What the reliability tests share: a fingerprint of everything stored (to show that refused
 * input changed nothing), the fast-check settings (seeded, so a failure replays, and bounded in
 * time, so two cores keep the suite reasonable), and generators of hostile values.
 */

/**
 * Every document of every collection except `except` (queues that answers legitimately fill),
 * once no document has work pending: a card reaches its person before the writes that follow it
 * (the order's progress, the work marked done), so a state read at the card would still move.
 */
export async function storedState(app: TestApp, except: readonly string[] = []): Promise<string> {
  const collections = (await app.storage.db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    // The instances' signs of life change every few seconds whatever the input.
    .filter((name) => !except.includes(name) && !/inbox/i.test(name) && name !== 'instances')
    .sort();
  await waitFor('no pending work', async () => {
    for (const name of collections) {
      const busy = await app.storage.db.collection(name).findOne({ 'pendingEffects.0': { $exists: true } });
      if (busy !== null) return undefined;
    }
    return true;
  });
  const hash = createHash('sha256');
  for (const name of collections) {
    const docs = await app.storage.db.collection(name).find({}).sort({ _id: 1 }).toArray();
    hash.update(`${name}:${JSON.stringify(docs)}\n`);
  }
  return hash.digest('hex');
}

/** Seed and bounds of every property: the same cases on every run, never more than `budgetMs`. */
export function runs(numRuns: number, budgetMs = 60_000): fc.Parameters<unknown> {
  return { numRuns, seed: 20_130_013, interruptAfterTimeLimit: budgetMs, markInterruptAsFailure: false };
}

/** Counts the cases a property really ran (a time limit may stop it early), for the report. */
export const tried: Record<string, number> = {};
export function countCase(property: string): void {
  tried[property] = (tried[property] ?? 0) + 1;
}

/** MongoDB operators, as an attacker would put them in place of a value. */
export const operatorValue = fc.constantFrom<unknown>(
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(1000)' },
  { $regex: '.*' },
  { $in: ['a', 'b'] },
  { $exists: true },
  [{ $gt: '' }],
  { 'a.$': 1 },
  { $set: { status: 'completed' } },
);

/** Characters a name must not smuggle in, one of each kind. */
export const HIDDEN = {
  control: ['\u0000', '\u0007', '\u001b', '\u007f', '\u009b', '\ud800'],
  bidi: ['\u202e', '\u202d', '\u2066', '\u2069', '\u200f', '\u061c'],
  mention: [
    '<@personEmail:boss@example.com|Boss>',
    '<@personId:abc>',
    '<@all>',
    '<at>all</at>',
    '<spark-mention data-object-type="groupMention">all</spark-mention>',
  ],
} as const;

/** A name with at least one hidden or markup part (whatever the random parts around it hold). */
export const hostileName = fc
  .tuple(
    fc.constantFrom('control', 'bidi', 'mention'),
    fc.string({ maxLength: 30 }),
    fc.string({ maxLength: 30 }),
    fc.nat(),
  )
  .map(([kind, before, after, pick]) => {
    const parts: readonly string[] = HIDDEN[kind];
    return `Acme${before}${parts[pick % parts.length] ?? ''}${after}`;
  });

/** JSON nested `depth` levels deep, as text (JSON.stringify itself would recurse that deep). */
export function deeplyNested(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}
