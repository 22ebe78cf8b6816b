import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDocumentEffects } from '../../src/effects/document-effects.js';
import { createEffectRunner } from '../../src/effects/effect-runner.js';
import { storedEffectSchema } from '../../src/effects/effects.port.js';
import { createInstance, type Instance } from '../../src/effects/instances.js';
import { createSilentLogger } from '../../src/log/logger.js';
import { connectStorage, type Storage } from '../../src/storage/connect.js';
import { parseStored } from '../../src/storage/documents.js';
import { createEffectStore, type StringIdDocument } from '../../src/storage/effect-store.js';
import { createInstancesRepository } from '../../src/storage/instances.repository.js';
import { createTestClock } from '../orders/support/orders-harness.js';

/** A document kind of its own, so the mechanism is tested apart from setups and orders. */
const counterSchema = z.object({
  _id: z.string(),
  rev: z.number().int(),
  count: z.number().int(),
  pendingEffects: z.array(storedEffectSchema),
});
type Counter = z.infer<typeof counterSchema>;
const noteSchema = z.object({ key: z.string() });
type Note = z.infer<typeof noteSchema>;

const logger = createSilentLogger();
let storage: Storage;
beforeAll(async () => {
  storage = await connectStorage({
    uri: process.env.MONGODB_URI,
    dbName: `effects_${randomUUID().slice(0, 8)}`,
    dataDir: undefined,
    logger,
  });
});
const instances: Instance[] = [];
afterAll(async () => {
  for (const instance of instances) await instance.stop();
  await storage?.close();
});

/**
 * One process's view of the counters: an instance of its own (in `slot`, when given), and its own
 * handler, which records each run and sends each note once by key (as the outbox does), and fails
 * while `failing` is above zero.
 */
async function createProcess(
  clock: { now: () => Date },
  collection: string,
  sent: Map<string, number>,
  slot?: string,
) {
  const instance = createInstance({
    store: createInstancesRepository(storage.db),
    ...(slot === undefined ? {} : { slot }),
    now: clock.now,
    logger,
  });
  await instance.start();
  instances.push(instance);
  const state = {
    runs: 0,
    failing: 0,
    failOn: undefined as string | undefined,
    removals: 0,
    /** Commits refused before they reach the database, and removals that fail, from now on. */
    refuseCommits: 0,
    refuseRemovals: 0,
  };
  const real = createEffectStore<Counter, { count: number }>({
    collection: storage.db.collection<StringIdDocument>(collection),
    parse: (doc) => parseStored(counterSchema, collection, doc),
    toUpdate: (change) => ({ $set: { count: change.count } }),
  });
  // The real store, counting the writes that remove effects carried out.
  const store: typeof real = {
    ...real,
    markDone: (id, effectIds, record) => {
      if (state.refuseRemovals > 0) {
        state.refuseRemovals -= 1;
        return Promise.reject(new Error('database interrupted'));
      }
      if (effectIds.length > 0) state.removals += 1;
      return real.markDone(id, effectIds, record);
    },
    commit: (...args) => {
      if (state.refuseCommits > 0) {
        state.refuseCommits -= 1;
        return Promise.reject(new Error('database interrupted'));
      }
      return real.commit(...args);
    },
  };
  const effects = createDocumentEffects({
    name: collection,
    store,
    owners: instance,
    handler: {
      parse: (json) => noteSchema.safeParse(JSON.parse(json)).data,
      async run(_id, note: Note) {
        state.runs += 1;
        if (note.key === state.failOn) throw new Error(`cannot send ${note.key}`);
        if (state.failing > 0) {
          state.failing -= 1;
          throw new Error('outbox unavailable');
        }
        sent.set(note.key, (sent.get(note.key) ?? 0) + 1);
      },
    },
    now: clock.now,
    logger,
  });
  const runner = createEffectRunner({ sources: [effects], now: clock.now, logger, graceMs: 5_000 });
  return { store, effects, runner, state, instance };
}

const fresh = (id: string) => ({ kind: 'create', doc: { _id: id, count: 0 } }) as const;

describe('one effects mechanism', () => {
  it('recovers at start what a crash left between commit and run, and runs it once', async () => {
    const clock = createTestClock('2025-06-01T08:00:00Z');
    const sent = new Map<string, number>();
    const crashed = await createProcess(clock, 'crash', sent, 'host:1');
    const other = await createProcess(clock, 'crash', sent, 'host:2');
    await crashed.effects.commit(fresh('C-1'), [{ key: 'hello' }]);
    await other.effects.commit(fresh('C-2'), [{ key: 'not mine' }]);
    // The first process dies here. The next one in its place starts at once, with nothing to
    // wait out; the other instance, alive, keeps its own work.
    const restarted = await createProcess(clock, 'crash', sent, 'host:1');
    await restarted.runner.start();
    await restarted.runner.stop();
    expect(restarted.state.runs).toBe(1);
    expect([...sent.entries()]).toEqual([['hello', 1]]);
    expect((await restarted.store.pending({ limit: 10 })).map((work) => work.id)).toEqual(['C-2']);
    expect(await restarted.runner.recoverAll()).toBe(0);
    expect(restarted.state.runs).toBe(1);
  });

  it('changes nothing when an effect runs twice (an owner presumed dead while still running)', async () => {
    const clock = createTestClock('2025-06-01T08:00:00Z');
    const sent = new Map<string, number>();
    const a = await createProcess(clock, 'twice', sent);
    const b = await createProcess(clock, 'twice', sent);
    const doc = await a.effects.commit(fresh('T-1'), [{ key: 'once' }]);
    if (doc === undefined) throw new Error('not committed');
    await a.instance.stop();
    // B takes the work over while A, still running after all, carries it out too.
    await Promise.all([a.effects.run({ id: doc._id, effects: doc.pendingEffects }), b.runner.recoverAll()]);
    expect(a.state.runs + b.state.runs).toBe(2);
    expect(new Set(sent.keys())).toEqual(new Set(['once']));
    expect(await a.store.pending({ limit: 10 })).toEqual([]);
  });

  it('retries a failed effect in the periodic pass, after the grace', async () => {
    const clock = createTestClock('2025-06-01T08:00:00Z');
    const sent = new Map<string, number>();
    const p = await createProcess(clock, 'retry', sent);
    p.state.failing = 1;
    await expect(p.effects.commitAndRun(fresh('R-1'), [{ key: 'first' }, { key: 'second' }])).rejects.toThrow(
      'outbox unavailable',
    );
    // The first failed, so the second waits behind it.
    expect((await p.store.pending({ limit: 10 })).map((w) => w.effects.length)).toEqual([2]);
    expect(await p.runner.recoverStale()).toBe(0);
    expect(p.state.runs).toBe(1);
    clock.advance(6_000);
    expect(await p.runner.recoverStale()).toBe(1);
    expect([...sent.keys()]).toEqual(['first', 'second']);
    expect(await p.store.pending({ limit: 10 })).toEqual([]);
  });

  it('leaves a live instance’s work alone however old, and takes it over once that instance falls silent', async () => {
    const clock = createTestClock('2025-06-01T08:00:00Z');
    const sent = new Map<string, number>();
    const a = await createProcess(clock, 'owner', sent);
    const b = await createProcess(clock, 'owner', sent);
    // A's send is slow: it is still under way long after it was committed.
    await a.effects.commit(fresh('O-1'), [{ key: 'slow' }]);
    a.state.failing = 1;
    await expect(a.effects.commitAndRun(fresh('O-2'), [{ key: 'failed' }])).rejects.toThrow();
    clock.advance(6_000);
    expect(await b.runner.recoverStale()).toBe(0);
    expect(await a.runner.recoverStale()).toBe(1);
    expect([...sent.keys()]).toEqual(['failed']);
    clock.advance(8_000);
    await a.instance.beat();
    clock.advance(11_000);
    // 25 s old, but its owner said it was alive 11 s ago.
    expect(await b.runner.recoverStale()).toBe(0);
    clock.advance(6_000);
    // Silent for 17 s: presumed dead, its work taken over.
    expect(await b.runner.recoverStale()).toBe(1);
    expect([...sent.keys()]).toEqual(['failed', 'slow']);
  });

  it('retries its own failed work and leaves the new work of the same document to its committer', async () => {
    const clock = createTestClock('2025-06-01T08:00:00Z');
    const sent = new Map<string, number>();
    const a = await createProcess(clock, 'mixed', sent);
    a.state.failing = 1;
    await expect(a.effects.commitAndRun(fresh('M-1'), [{ key: 'old' }])).rejects.toThrow();
    clock.advance(6_000);
    // A new change is committed on top of the old work, and is about to be carried out by its
    // committer when the periodic pass reads the document.
    await a.effects.commit({ kind: 'update', id: 'M-1', rev: 0, change: { count: 1 } }, [{ key: 'new' }]);
    expect(await a.runner.recoverStale()).toBe(1);
    expect([...sent.entries()]).toEqual([['old', 1]]);
    const left = await a.store.pending({ limit: 10 });
    expect(left.map((work) => work.effects.map((effect) => effect.id))).toEqual([['M-1:1:0']]);
  });

  it('forgets commits that failed without applying, so they never crowd out a later failure', async () => {
    const clock = createTestClock('2025-06-01T08:00:00Z');
    const sent = new Map<string, number>();
    const p = await createProcess(clock, 'crowd', sent);
    const runner = createEffectRunner({ sources: [p.effects], now: clock.now, logger, batchSize: 3 });
    p.state.refuseCommits = 5;
    for (let i = 0; i < 5; i += 1)
      await expect(p.effects.commit(fresh(`F-${i}`), [{ key: `never ${i}` }])).rejects.toThrow();
    p.state.failing = 1;
    await expect(p.effects.commitAndRun(fresh('F-real'), [{ key: 'real' }])).rejects.toThrow(
      'outbox unavailable',
    );
    clock.advance(6_000);
    // Each pass looks at 3 of them, finds nothing to do and forgets them; the real one runs.
    for (let pass = 0; pass < 3 && !sent.has('real'); pass += 1) await runner.recoverStale();
    expect([...sent.entries()]).toEqual([['real', 1]]);
  });

  it('tries again to record work done while the database stalls, and does not run it again', async () => {
    const clock = createTestClock('2025-06-01T08:00:00Z');
    const sent = new Map<string, number>();
    const p = await createProcess(clock, 'stall', sent);
    p.state.refuseRemovals = 2;
    await p.effects.commitAndRun(fresh('D-1'), [{ key: 'once' }]);
    expect(p.state.refuseRemovals).toBe(0);
    expect(await p.store.pending({ limit: 10 })).toEqual([]);
    clock.advance(30_000);
    expect(await p.runner.recoverStale()).toBe(0);
    expect([...sent.entries()]).toEqual([['once', 1]]);
  });

  it('runs the periodic pass on its own timer', async () => {
    const sent = new Map<string, number>();
    const clock = { now: () => new Date() };
    const p = await createProcess(clock, 'timer', sent);
    const runner = createEffectRunner({
      sources: [p.effects],
      now: clock.now,
      logger,
      graceMs: 0,
      intervalMs: 20,
    });
    await runner.start();
    p.state.failing = 1;
    await expect(p.effects.commitAndRun(fresh('P-1'), [{ key: 'later' }])).rejects.toThrow();
    await expect.poll(() => sent.get('later'), { timeout: 5_000 }).toBe(1);
    await runner.stop();
  });

  it('commits nothing on a revision conflict', async () => {
    const clock = createTestClock('2025-06-01T08:00:00Z');
    const sent = new Map<string, number>();
    const p = await createProcess(clock, 'conflict', sent);
    const created = await p.effects.commitAndRun(fresh('X-1'), []);
    expect(created?.rev).toBe(0);
    const won = await p.effects.commitAndRun({ kind: 'update', id: 'X-1', rev: 0, change: { count: 1 } }, [
      { key: 'winner' },
    ]);
    expect(won).toMatchObject({ rev: 1, count: 1 });
    const lost = await p.effects.commitAndRun({ kind: 'update', id: 'X-1', rev: 0, change: { count: 2 } }, [
      { key: 'loser' },
    ]);
    expect(lost).toBeUndefined();
    expect(await p.effects.commit(fresh('X-1'), [{ key: 'again' }])).toBeUndefined();
    const stored = await storage.db.collection<StringIdDocument>('conflict').findOne({ _id: 'X-1' });
    expect(stored).toMatchObject({ rev: 1, count: 1, pendingEffects: [] });
    expect([...sent.keys()]).toEqual(['winner']);
  });

  it('removes what was carried out in one write; a failure keeps itself and what follows pending', async () => {
    const clock = createTestClock('2025-06-01T08:00:00Z');
    const sent = new Map<string, number>();
    const p = await createProcess(clock, 'batched', sent);
    await p.effects.commitAndRun(fresh('B-1'), [{ key: 'a' }, { key: 'b' }, { key: 'c' }]);
    expect({ removals: p.state.removals, sent: [...sent.keys()] }).toEqual({
      removals: 1,
      sent: ['a', 'b', 'c'],
    });
    expect(await p.store.pending({ limit: 10 })).toEqual([]);

    p.state.failOn = 'e';
    await expect(
      p.effects.commitAndRun({ kind: 'update', id: 'B-1', rev: 0, change: { count: 1 } }, [
        { key: 'd' },
        { key: 'e' },
        { key: 'f' },
      ]),
    ).rejects.toThrow('cannot send e');
    const left = await p.store.pending({ limit: 10 });
    expect(left.flatMap((work) => work.effects.map((effect) => JSON.parse(effect.json).key))).toEqual([
      'e',
      'f',
    ]);
    expect(p.state.removals).toBe(2);
    p.state.failOn = undefined;
    clock.advance(6_000);
    expect(await p.runner.recoverStale()).toBe(1);
    expect([...sent.keys()]).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(sent.get('d')).toBe(1);
  });

  it('keeps a change committed by commitAndStart when its effects fail now, and runs them later', async () => {
    const clock = createTestClock('2025-06-01T08:00:00Z');
    const sent = new Map<string, number>();
    const p = await createProcess(clock, 'started', sent);
    p.state.failOn = 'card';
    const doc = await p.effects.commitAndStart(fresh('S-1'), [{ key: 'card' }]);
    expect(doc).toMatchObject({ _id: 'S-1', rev: 0 });
    expect((await p.store.pending({ limit: 10 })).map((w) => w.id)).toEqual(['S-1']);
    p.state.failOn = undefined;
    clock.advance(6_000);
    expect(await p.runner.recoverStale()).toBe(1);
    expect(sent.get('card')).toBe(1);
    expect(await p.effects.commitAndStart(fresh('S-1'), [{ key: 'again' }])).toBeUndefined();
  });
});
