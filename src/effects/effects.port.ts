import { z } from 'zod';

/**
 * One effect as the document that caused it stores it: an id stable across runs, the effect as
 * JSON text (effects carry card JSON and user text, whose keys MongoDB may not accept), and when
 * it was committed. Effects written before `at` existed lack it.
 */
export const storedEffectSchema = z.object({
  id: z.string(),
  json: z.string(),
  at: z.date().optional(),
  /**
   * Names the batch commit that wrote it (`commitMany`): two instances deciding on one revision
   * give its effects the same ids, so this tells the one whose compare-and-set won.
   */
  batch: z.string().optional(),
});
export type StoredEffect = z.infer<typeof storedEffectSchema>;

/**
 * What every document with effects has: a revision for compare-and-set, its pending effects, and
 * the instance that owns them (the one that committed last, or took them over; see `instances.ts`).
 */
export interface EffectDocument {
  _id: string;
  rev: number;
  pendingEffects: StoredEffect[];
  owner?: string | null | undefined;
}

/**
 * One single-document write: a new document (at rev 0, failing if the id exists), or a change to
 * an existing one that applies only if its revision is still `rev` (and moves it to `rev + 1`).
 */
export type DocumentWrite<Doc extends EffectDocument, Change> =
  | { kind: 'create'; doc: Omit<Doc, 'rev' | 'pendingEffects'> }
  | { kind: 'update'; id: string; rev: number; change: Change };

/** A document's effects still to carry out, and who owns them (absent: written before owners). */
export interface PendingWork {
  id: string;
  effects: StoredEffect[];
  owner?: string | null | undefined;
}

/** Which pending work to read: committed by a time, owned by one instance or by none of some. */
export interface PendingQuery {
  committedBy?: Date | undefined;
  owner?: string;
  ownerNotIn?: readonly string[];
  limit: number;
}

/** The storage side of the mechanism, for one collection. */
export interface EffectStore<Doc extends EffectDocument, Change> {
  /**
   * Writes the change and appends the effects atomically, owned by `owner`; the document after,
   * or undefined on a conflict.
   */
  commit(
    write: DocumentWrite<Doc, Change>,
    effects: StoredEffect[],
    at: Date,
    owner: string,
  ): Promise<Doc | undefined>;
  /**
   * Documents with pending effects: all of them, or only those with one committed at or before
   * `committedBy`; in the collection's order of work when it has one (the outbox's queue order).
   */
  pending(query: PendingQuery): Promise<PendingWork[]>;
  /** The pending work of these documents (those that have any). */
  pendingOf(ids: readonly string[]): Promise<PendingWork[]>;
  /**
   * Removes effects that were carried out, setting `record` (what they came to) in the same write.
   * Calls made together are written together.
   */
  markDone(id: string, effectIds: readonly string[], record?: Record<string, unknown>): Promise<void>;
  /**
   * Makes `to` the owner of the documents still owned by one of `from` (`null`: no owner, written
   * before owners): the ones it now owns. One instance wins each document, however many try.
   */
  takeOver(ids: readonly string[], from: ReadonlyArray<string | null>, to: string): Promise<Set<string>>;
  /**
   * Several changes, each its own compare-and-set, in one round trip: the documents whose change
   * applied, as they are after it (each is known by its first new effect, with its `batch`,
   * still pending on it; one without effects, when every change of the batch applied).
   */
  commitMany(writes: readonly BatchWrite<Change>[], at: Date, owner: string): Promise<Doc[]>;
  /** Removes effects carried out from several documents in one write. */
  markDoneMany(done: readonly PendingWork[]): Promise<void>;
}

/**
 * One change of a batch: applies if the document is still at `rev`. One without effects is known
 * to have applied only when every change of its batch did (see `commitMany`).
 */
export interface BatchWrite<Change> {
  id: string;
  rev: number;
  change: Change;
  effects: StoredEffect[];
}

/** How an effect comes to be run, for a handler that does the work differently after a crash. */
export interface EffectRun {
  /**
   * Committed by the call that runs it now, in this process, moments ago: it cannot have been
   * carried out before. Otherwise it was left pending (a crash, a failure) and may have been.
   */
  readonly fresh: boolean;
  /** When it was committed, if known. */
  readonly committedAt: Date | undefined;
  /**
   * One object for every effect of a run. A handler that queued a message instead of sending it
   * sets `queued`: the later messages of the run follow it into the queue, so that nobody reads
   * them out of order.
   */
  readonly messages: { queued: boolean };
}

/**
 * What an effect came to, when that is worth keeping: `record` is set on the document in the
 * write that removes the effect (no write of its own), and `afterRecord` runs once that write is done
 * (a report that must follow the record, never precede it).
 */
export interface EffectOutcome {
  record?: Record<string, unknown>;
  afterRecord?: () => Promise<void>;
}

/**
 * How one kind of document's effects are read back and carried out. `run` must be idempotent:
 * a crash after running and before `markDone` runs it again, and so may the instance that takes
 * over the work of one presumed dead.
 */
export interface EffectHandler<E> {
  parse(json: string): E | undefined;
  run(documentId: string, effect: E, run: EffectRun): Promise<EffectOutcome | undefined> | Promise<void>;
}
