import type { Logger } from '../log/logger.js';
import type { EffectDocument, EffectStore, PendingWork } from './effects.port.js';
import type { Owners } from './instances.js';

/** What the runner needs of a kind of document: its recovery pass. */
export interface RecoverableEffects {
  name: string;
  /**
   * Runs what is pending and due (see `createRecovery`); failures are logged, not thrown. The
   * number of documents run.
   */
  recover(cutOffs: RecoveryCutOffs, limit: number): Promise<number>;
}

/**
 * How old this instance's own pending work must be to be run again: `failedBy` for work whose
 * commit or run failed here, `lostBy` (later than any run takes to start) for any other; none at
 * start-up, when nothing of this instance can be under way yet.
 */
export interface RecoveryCutOffs {
  failedBy?: Date | undefined;
  lostBy?: Date | undefined;
}

export interface RecoveryDeps<Doc extends EffectDocument, Change> {
  name: string;
  store: EffectStore<Doc, Change>;
  owners: Owners;
  isRunning(id: string): boolean;
  /** Documents whose commit or run failed here; those found with nothing left to do are forgotten. */
  failedHere: Set<string>;
  run(work: PendingWork): Promise<void>;
  logger: Logger;
}

/** A commit time after every other: "committed by then" is any pending effect with a time. */
const EVER = new Date(8.64e15);

/** Documents run at once by a pass: a backlog is worked through in parallel, not one by one. */
const PASS_CONCURRENCY = 16;

/**
 * One kind of document's recovery pass. It runs:
 * - the work of instances presumed dead (ended, or silent too long) and of no instance, once taken
 *   over: one compare-and-set for the batch, which one instance wins per document;
 * - this instance's own work that failed here, once committed longer ago than the grace, and any
 *   other of its own not under way (an answer lost after the write applied), once older than the
 *   lost age.
 * A pass never takes another live instance's work: its owner carries it out, however long that
 * takes (a send waiting out Webex's rate limit), so a pass never runs it beside its owner.
 */
export function createRecovery<Doc extends EffectDocument, Change>(deps: RecoveryDeps<Doc, Change>) {
  const { store, owners } = deps;

  async function orphaned(periodic: boolean, limit: number): Promise<PendingWork[]> {
    const live = await owners.liveOwners();
    // Periodically, by the commit times' index (effects of versions that wrote none are run at
    // start-up); at start-up, whatever is pending.
    const committedBy = periodic ? EVER : undefined;
    const found = await store.pending({ ownerNotIn: [...live], committedBy, limit });
    if (found.length === 0) return [];
    const from = [...new Set(found.map((work) => work.owner ?? null))];
    const won = await store.takeOver(
      found.map((work) => work.id),
      from,
      owners.id,
    );
    if (won.size > 0)
      deps.logger.info(
        { kind: deps.name, documents: won.size, from: from.map((owner) => owner ?? 'none') },
        'took over the work of instances presumed dead',
      );
    return found.filter((work) => won.has(work.id));
  }

  async function own(cutOffs: RecoveryCutOffs, limit: number): Promise<PendingWork[]> {
    const { failedBy, lostBy } = cutOffs;
    const failed = [...deps.failedHere].filter((id) => !deps.isRunning(id)).slice(0, limit);
    const works = new Map<string, PendingWork>();
    const found = new Map((await store.pendingOf(failed)).map((work) => [work.id, work]));
    for (const id of failed) {
      const work = found.get(id);
      // Nothing left to do (a commit that never applied, work done since), or taken over by another
      // meanwhile (this instance was presumed dead): no longer this one's to retry.
      if (
        work === undefined ||
        work.effects.length === 0 ||
        (work.owner != null && work.owner !== owners.id)
      ) {
        deps.failedHere.delete(id);
        continue;
      }
      const due =
        failedBy === undefined
          ? work.effects
          : work.effects.filter((effect) => (effect.at?.getTime() ?? 0) <= failedBy.getTime());
      if (due.length > 0) works.set(work.id, { ...work, effects: due });
    }
    const retried = new Set(failed);
    for (const work of await store.pending({ owner: owners.id, committedBy: lostBy, limit }))
      if (!deps.isRunning(work.id) && !retried.has(work.id)) works.set(work.id, work);
    return [...works.values()];
  }

  /** Runs the works in their order, a bounded number at once; how many ran without failing. */
  async function runAll(works: readonly PendingWork[]): Promise<number> {
    let count = 0;
    for (let start = 0; start < works.length; start += PASS_CONCURRENCY) {
      // Started in order, each before the next: a handler that queues by recipient keeps the order.
      const runs = works.slice(start, start + PASS_CONCURRENCY).map((work) =>
        // Looked at again: a batch starts after the earlier ones, and a caller may hold it by now.
        (deps.isRunning(work.id) ? Promise.resolve() : deps.run(work)).then(
          () => {
            count += 1;
          },
          (error: unknown) =>
            deps.logger.error({ error, kind: deps.name, id: work.id }, 'effects failed; will retry'),
        ),
      );
      await Promise.all(runs);
    }
    return count;
  }

  return async function recover(cutOffs: RecoveryCutOffs, limit: number): Promise<number> {
    const works = new Map<string, PendingWork>();
    // What was just taken over is this instance's now: its own read finds it again.
    const periodic = cutOffs.failedBy !== undefined;
    const taken = await orphaned(periodic, limit);
    // What was taken over runs even when the read of this instance's own work fails.
    const mine = await own(cutOffs, limit).catch((error: unknown) => {
      deps.logger.error({ error, kind: deps.name }, 'cannot read this instance’s own pending work');
      return [];
    });
    for (const work of [...taken, ...mine])
      if (!works.has(work.id) && work.effects.length > 0 && !deps.isRunning(work.id))
        works.set(work.id, work);
    return runAll([...works.values()]);
  };
}
