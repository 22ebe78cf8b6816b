import { randomUUID } from 'node:crypto';
import type { Logger } from '../log/logger.js';

/** Where instances say they are alive (see `storage/instances.repository.ts`). */
export interface InstanceStore {
  /** Says `id` is alive at `at`; false once it has been ended (by itself, or by a successor). */
  beat(id: string, slot: string | undefined, at: Date): Promise<boolean>;
  end(id: string, at: Date): Promise<void>;
  /** Forgets instances silent for a day before `at`. */
  forgetBefore(at: Date): Promise<void>;
  /** Ends every other instance of `slot` (its dead predecessors); how many. */
  endSlot(slot: string, except: string, at: Date): Promise<number>;
  /** The instances that said they were alive after `since` and have not ended. */
  liveSince(since: Date): Promise<Set<string>>;
}

export interface InstanceOptions {
  store: InstanceStore;
  /**
   * This process's place (`host:port`): a process started there ends its predecessors at once,
   * since a crashed one never ends itself, and their work is taken over without waiting.
   */
  slot?: string;
  now: () => Date;
  logger: Logger;
  /** How often it says it is alive. */
  beatMs?: number;
  /** Silent this long, an instance is presumed dead and its work is taken over. */
  deadAfterMs?: number;
}

/**
 * This process as an owner of work. Whoever commits work owns it and carries it out, with no claim
 * or lease per item; the only write for ownership is one sign of life every few seconds. Work
 * whose owner ended or fell silent is taken over (one compare-and-set per batch, see `takeOver`).
 */
export function createInstance(options: InstanceOptions) {
  const id = options.slot === undefined ? randomUUID() : `${options.slot}#${randomUUID()}`;
  const beatMs = options.beatMs ?? 5_000;
  const deadAfterMs = options.deadAfterMs ?? 15_000;
  const log = options.logger.child({ component: 'instance' });
  let timer: NodeJS.Timeout | undefined;
  /** When it last said it was alive (this process's own clock, which tests and local mode do not move). */
  let lastBeatAt = Number.NEGATIVE_INFINITY;
  let ended = false;

  async function beat(): Promise<void> {
    const at = performance.now();
    if (await options.store.beat(id, options.slot, options.now())) lastBeatAt = at;
    else if (!ended) {
      ended = true;
      log.error(
        { id },
        'this instance was ended by another started with the same host and port; it sends nothing more, and its work is taken over. Give each process its own host name or port, then restart this one',
      );
    }
  }

  return {
    id,
    /** Says it is alive now (the timer does it every `beatMs`). */
    beat,
    /** Says it is alive, ends its predecessors in the same place, and keeps saying it. */
    async start(): Promise<void> {
      await beat();
      await options.store.forgetBefore(options.now());
      if (options.slot !== undefined) {
        const ended = await options.store.endSlot(options.slot, id, options.now());
        if (ended > 0) log.info({ ended }, 'ended the instances this one replaces; their work is taken over');
      }
      timer = setInterval(() => {
        beat().catch((error: unknown) => log.warn({ err: error }, 'cannot say this instance is alive'));
      }, beatMs);
      timer.unref();
    },
    /**
     * Whether it may still carry its work out: not ended, and alive in the others' eyes (it said so
     * recently enough that none can have presumed it dead). Otherwise another may have taken its
     * work over, and carrying it out too could send a message twice.
     */
    mayAct(): boolean {
      return !ended && performance.now() - lastBeatAt < deadAfterMs - beatMs;
    },
    /** The owners whose work is not to be taken over: this instance and every other alive. */
    async liveOwners(): Promise<Set<string>> {
      const live = await options.store.liveSince(new Date(options.now().getTime() - deadAfterMs));
      live.add(id);
      return live;
    },
    /** Ends it: what it still owns is taken over by the others at their next pass. */
    async stop(): Promise<void> {
      clearInterval(timer);
      timer = undefined;
      ended = true;
      await options.store
        .end(id, options.now())
        .catch((error: unknown) => log.warn({ err: error }, 'cannot record the end of this instance'));
    },
  };
}

export type Instance = ReturnType<typeof createInstance>;

/** Who owns work, as the mechanism asks it (an instance, or a fixed set in tests). */
export type Owners = Pick<Instance, 'id' | 'liveOwners' | 'mayAct'>;
