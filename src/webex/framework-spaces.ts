/**
 * Keeps the framework's view of spaces bounded. `webex-node-bot-framework` spawns a `bot` object
 * for every space it sees an event of (the bot's own membership when an invitation opens a 1:1
 * space, a person's text) and keeps it for the life of the process, in an array it searches
 * linearly on every event: memory and time that grow with every conversation the bot ever had.
 * The bot keeps nothing of its own in those objects (it answers through its own gateway), so the
 * least recently active ones are let go once there are more than `maxSpaces`; a space let go that
 * speaks again is spawned again by the framework, just in time, as it does after a restart.
 */

/** The part of the framework this touches: its spawned spaces and how it lets one go. */
export interface SpawnedSpaces {
  readonly bots: readonly { readonly room?: { readonly id?: unknown } }[];
  despawn(roomId: string): PromiseLike<unknown>;
}

export interface FrameworkSpaces {
  /** A body of this space is being processed: it is active, and not let go meanwhile. */
  enter(roomId: string | undefined): void;
  /** Its processing ended; lets the least recently active spaces go when there are too many. */
  leave(roomId: string | undefined): void;
  /** Spaces the framework holds a bot object for now. */
  count(): number;
}

/** Let go down to this share of the bound at once, so that the linear work is not paid per event. */
const TRIM_TO = 0.9;

export function createFrameworkSpaces(framework: SpawnedSpaces, maxSpaces: number): FrameworkSpaces {
  if (!Number.isInteger(maxSpaces) || maxSpaces < 1)
    throw new Error(`maxSpaces must be a positive integer, got ${maxSpaces}`);
  /** Spaces by last activity, oldest first (a Map iterates in insertion order). */
  const recent = new Map<string, true>();
  /** Bodies being processed per space. */
  const busy = new Map<string, number>();
  /** Spaces being let go (despawn is asynchronous). */
  const leaving = new Set<string>();

  function roomOf(bot: SpawnedSpaces['bots'][number]): string | undefined {
    const id = bot.room?.id;
    return typeof id === 'string' ? id : undefined;
  }

  function letGo(roomId: string): void {
    leaving.add(roomId);
    recent.delete(roomId);
    Promise.resolve(framework.despawn(roomId))
      .catch(() => undefined)
      .finally(() => leaving.delete(roomId));
  }

  function trim(): void {
    const spawned = framework.bots.length - leaving.size;
    if (spawned <= maxSpaces) return;
    let excess = spawned - Math.floor(maxSpaces * TRIM_TO);
    const held = new Set<string>();
    for (const bot of framework.bots) {
      const roomId = roomOf(bot);
      if (roomId !== undefined && !leaving.has(roomId)) held.add(roomId);
    }
    // Spaces never seen active here (spawned some other way) go first, then the oldest.
    const byAge = [...[...held].filter((roomId) => !recent.has(roomId)), ...recent.keys()];
    for (const roomId of byAge) {
      if (excess <= 0) break;
      if (!held.has(roomId) || busy.has(roomId)) continue;
      letGo(roomId);
      excess -= 1;
    }
  }

  /** Activity is remembered for at most twice the bound: older entries are spaces let go anyway. */
  function forgetOldActivity(): void {
    for (const roomId of recent.keys()) {
      if (recent.size <= maxSpaces * 2) return;
      if (!busy.has(roomId)) recent.delete(roomId);
    }
  }

  return {
    enter(roomId) {
      if (roomId === undefined) return;
      busy.set(roomId, (busy.get(roomId) ?? 0) + 1);
      recent.delete(roomId);
      recent.set(roomId, true);
    },
    leave(roomId) {
      if (roomId !== undefined) {
        const left = (busy.get(roomId) ?? 1) - 1;
        if (left > 0) busy.set(roomId, left);
        else busy.delete(roomId);
      }
      trim();
      forgetOldActivity();
    },
    count: () => framework.bots.length - leaving.size,
  };
}
