import type { EmulatorEntities, EntityKind } from './records.js';

/** Everything the emulator keeps, as loaded at start. */
export type EmulatorSnapshot = { [K in EntityKind]: EmulatorEntities[K][] };

/** One committed change: entities written (whole records) and ids removed, per kind. */
export interface EmulatorChange {
  upsert: { [K in EntityKind]?: EmulatorEntities[K][] };
  remove: { [K in EntityKind]?: string[] };
}

/**
 * Where the emulator keeps its state across restarts. `save` is awaited before the API call that
 * caused the change answers, so an answered call survives `kill -9`; calls to `save` are issued one
 * at a time, in commit order, so an adapter need not order them itself.
 */
export interface EmulatorPersistence {
  /** The stored state, or undefined when nothing was stored yet. */
  load(): Promise<EmulatorSnapshot | undefined>;
  save(change: EmulatorChange): Promise<void>;
}

/** The default: nothing survives the process. */
export function createMemoryPersistence(): EmulatorPersistence {
  return {
    load: async () => undefined,
    save: async () => {},
  };
}

/** An empty change, to fill in. */
export function emptyChange(): EmulatorChange {
  return { upsert: {}, remove: {} };
}
