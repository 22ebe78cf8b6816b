import { randomUUID } from 'node:crypto';
import type { Logger } from '../log/logger.js';
import { identifyEffects } from './effect-ids.js';
import type {
  DocumentWrite,
  EffectDocument,
  EffectHandler,
  EffectOutcome,
  EffectRun,
  EffectStore,
  PendingWork,
} from './effects.port.js';
import { createHolds } from './holds.js';
import type { Owners } from './instances.js';
import { recordDone, reportDone } from './record-done.js';
import { createRecovery, type RecoverableEffects } from './recovery.js';

export type { RecoverableEffects };
export { identifyEffects };

/** What an effect's handler may do to its own kind of document: commit a follow-up change and run it. */
export interface OwnEffects<Doc extends EffectDocument, Change, E> {
  commit(write: DocumentWrite<Doc, Change>, effects: readonly E[]): Promise<Doc | undefined>;
  run(work: PendingWork): Promise<void>;
}

export interface DocumentEffectsOptions<Doc extends EffectDocument, Change, E> {
  /** Names the kind of document in logs. */
  name: string;
  store: EffectStore<Doc, Change>;
  /**
   * Carries out one effect. Given as a function, it is built from the mechanism itself, for a
   * handler whose effect changes its own kind of document (a completion taken back).
   */
  handler: EffectHandler<E> | ((own: OwnEffects<Doc, Change, E>) => EffectHandler<E>);
  /** This instance, the owner of what it commits (see `instances.ts`). */
  owners: Owners;
  /** Whether the recovery pass starts runs without waiting for them (see `createRecovery`'s use). */
  detachRecovery?: boolean;
  now: () => Date;
  logger: Logger;
}

const NONE_FRESH: ReadonlySet<string> = new Set();

/**
 * The one way a document changes together with the work it causes: `commit` writes both in one
 * single-document compare-and-set, owned by this instance; `run` carries the pending effects out
 * in order and removes them once done. No claim or lease is taken: the instance that committed
 * carries its work out, and another takes it over only once that one is presumed dead.
 */
export function createDocumentEffects<Doc extends EffectDocument, Change, E>(
  options: DocumentEffectsOptions<Doc, Change, E>,
) {
  const { store, logger } = options;
  const running = createHolds();
  const { hold, release } = running;

  /**
   * Documents whose commit or run failed in this process: the periodic pass retries them after
   * its grace (see `recovery.ts`).
   */
  const failedHere = new Set<string>();

  const handler = typeof options.handler === 'function' ? options.handler({ commit, run }) : options.handler;

  async function commit(write: DocumentWrite<Doc, Change>, effects: readonly E[]): Promise<Doc | undefined> {
    return (await commitFresh(write, effects)).doc;
  }

  /** Commits, and names the effects this commit added (the ones nobody can have run yet). */
  async function commitFresh(write: DocumentWrite<Doc, Change>, effects: readonly E[]) {
    const at = options.now();
    const id = write.kind === 'create' ? write.doc._id : write.id;
    const rev = write.kind === 'create' ? 0 : write.rev + 1;
    const stored = identifyEffects(id, rev, effects, at);
    let doc: Doc | undefined;
    try {
      doc = await store.commit(write, stored, at, options.owners.id);
    } catch (error) {
      // The write may have applied all the same (its answer lost): looked at by the next pass.
      failedHere.add(id);
      throw error;
    }
    // This commit's own effects, as given: running them needs no reading back of their JSON.
    const known = new Map(stored.map((entry, index) => [entry.id, effects[index] as E]));
    return { doc, fresh: new Set(known.keys()), known };
  }

  async function run(
    work: PendingWork,
    fresh: ReadonlySet<string> = NONE_FRESH,
    known?: ReadonlyMap<string, E>,
  ): Promise<void> {
    hold(work.id);
    try {
      await runEffects(work, fresh, known);
      failedHere.delete(work.id);
    } catch (error) {
      failedHere.add(work.id);
      throw error;
    } finally {
      release(work.id);
    }
  }

  /** Commits and runs what the document has pending, holding it from before the commit. */
  async function commitThenRun(write: DocumentWrite<Doc, Change>, effects: readonly E[]) {
    const id = write.kind === 'create' ? write.doc._id : write.id;
    hold(id);
    try {
      const { doc, fresh, known } = await commitFresh(write, effects);
      if (doc === undefined) return { doc, ran: Promise.resolve() };
      // Effects an earlier failure left behind come first, so nothing waits for the next pass.
      const ran = run({ id: doc._id, effects: doc.pendingEffects }, fresh, known);
      await ran.catch(() => undefined);
      return { doc, ran };
    } finally {
      release(id);
    }
  }

  /**
   * Runs effects in order; the first failure stops the rest (a later one may rely on it) and is
   * thrown. Those done are removed in one write at the end, with what they came to: one that runs
   * again after a crash in between is harmless, and a click's answer does not wait for a write per
   * effect.
   */
  async function runEffects(
    work: PendingWork,
    fresh: ReadonlySet<string>,
    known: ReadonlyMap<string, E> | undefined,
  ): Promise<void> {
    const done: string[] = [];
    const messages = { queued: false };
    let record: Record<string, unknown> | undefined;
    const after: Array<() => Promise<void>> = [];
    let failure: { error: unknown } | undefined;
    try {
      for (const entry of work.effects) {
        const effect = known?.get(entry.id) ?? handler.parse(entry.json);
        if (effect === undefined)
          logger.error(
            { kind: options.name, id: work.id, effect: entry.id },
            'dropping an unreadable effect',
          );
        else {
          const context: EffectRun = { fresh: fresh.has(entry.id), committedAt: entry.at, messages };
          const outcome = (await handler.run(work.id, effect, context)) as EffectOutcome | undefined;
          if (outcome?.record !== undefined) record = { ...record, ...outcome.record };
          if (outcome?.afterRecord !== undefined) after.push(outcome.afterRecord);
        }
        done.push(entry.id);
      }
    } catch (error) {
      failure = { error };
    }
    await recordDone(store, work.id, done, record, logger);
    // Reports of what was done, once it is recorded (never before: a crash would repeat them).
    for (const then of after) await reportDone(then, work.id, logger);
    if (failure !== undefined) throw failure.error;
  }

  return {
    name: options.name,
    commit,
    run,
    /** Commits, then runs everything the document has pending; undefined (nothing run) on a conflict. */
    async commitAndRun(write: DocumentWrite<Doc, Change>, effects: readonly E[]): Promise<Doc | undefined> {
      const { doc, ran } = await commitThenRun(write, effects);
      await ran;
      return doc;
    },
    /**
     * Commits, then runs everything the document has pending; a failure of that run is logged,
     * not thrown: the change stands, its effects stay pending and the runner's periodic pass
     * carries them out. For a caller whose answer is the effects themselves (a click's next
     * card): an outage after the commit must not make it report the change as not made.
     */
    async commitAndStart(write: DocumentWrite<Doc, Change>, effects: readonly E[]): Promise<Doc | undefined> {
      const { doc, ran } = await commitThenRun(write, effects);
      await ran.catch((error: unknown) =>
        logger.warn({ error, kind: options.name, id: doc?._id }, 'effects not carried out yet; will retry'),
      );
      return doc;
    },
    /**
     * Commits several changes, each its own compare-and-set, in one round trip (see
     * `EffectStore.commitMany`): the documents whose change applied, with the ids of the effects
     * it added. Nothing is run: the caller runs them (`run`, or in bulk, then `markDoneMany`); a
     * crash before that leaves them pending for the recovery pass, as after any commit.
     */
    async commitMany(
      writes: ReadonlyArray<{ id: string; rev: number; change: Change; effects: readonly E[] }>,
    ): Promise<Array<{ doc: Doc; fresh: ReadonlySet<string> }>> {
      const at = options.now();
      const batch = randomUUID();
      const batchWrites = writes.map((write) => ({
        ...write,
        effects: identifyEffects(write.id, write.rev + 1, write.effects, at).map((e) => ({ ...e, batch })),
      }));
      let docs: Doc[];
      try {
        docs = await store.commitMany(batchWrites, at, options.owners.id);
      } catch (error) {
        for (const write of writes) failedHere.add(write.id);
        throw error;
      }
      const fresh = new Map(batchWrites.map((write) => [write.id, new Set(write.effects.map((e) => e.id))]));
      return docs.map((doc) => ({ doc, fresh: fresh.get(doc._id) ?? NONE_FRESH }));
    },
    /** Removes effects carried out in bulk, from several documents in one write. */
    async markDoneMany(done: readonly PendingWork[]): Promise<void> {
      await store.markDoneMany(done);
      for (const work of done) failedHere.delete(work.id);
    },
    /** Resolves once nothing is committed or run here any more (a stop waits for it). */
    idle: running.idle,
    /** What a crash or a failure left pending (see `recovery.ts`). */
    recover: createRecovery({
      name: options.name,
      store,
      owners: options.owners,
      isRunning: (id) => running.has(id),
      failedHere,
      // Work whose run lasts (a message waiting to be tried again) is started, not waited for: it
      // stays held, so no later pass takes it twice, and the pass goes on to the rest.
      run: options.detachRecovery
        ? async (work) => {
            run(work).catch((error: unknown) =>
              logger.warn({ error, kind: options.name, id: work.id }, 'recovered work not done yet'),
            );
          }
        : run,
      logger,
    }),
  };
}

export type DocumentEffects<Doc extends EffectDocument, Change, E> = ReturnType<
  typeof createDocumentEffects<Doc, Change, E>
>;
