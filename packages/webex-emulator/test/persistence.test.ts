import { describe } from 'vitest';
import {
  type EmulatorChange,
  type EmulatorPersistence,
  ENTITY_KINDS,
  type EntityKind,
  entitySchemas,
} from '../src/index.js';
import { describePersistenceContract } from './support/persistence-contract.js';

/** A store kept in plain maps of JSON (so nothing is shared by reference across restarts). */
function createMapStore() {
  const collections = new Map<EntityKind, Map<string, string>>(ENTITY_KINDS.map((kind) => [kind, new Map()]));
  const open = async (): Promise<EmulatorPersistence> => ({
    async load() {
      const read = <K extends EntityKind>(kind: K) =>
        [...(collections.get(kind)?.values() ?? [])].map((json) =>
          entitySchemas[kind].parse(JSON.parse(json)),
        );
      return {
        people: read('people'),
        rooms: read('rooms'),
        memberships: read('memberships'),
        messages: read('messages'),
        attachmentActions: read('attachmentActions'),
        webhooks: read('webhooks'),
      };
    },
    async save(change: EmulatorChange) {
      for (const kind of ENTITY_KINDS) {
        const collection = collections.get(kind);
        for (const item of change.upsert[kind] ?? []) collection?.set(item.id, JSON.stringify(item));
        for (const id of change.remove[kind] ?? []) collection?.delete(id);
      }
    },
  });
  return { open };
}

describe('emulator persistence (in-process store)', () => {
  describePersistenceContract(createMapStore().open);
});
