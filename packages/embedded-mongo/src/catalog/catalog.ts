/**
 * All databases and collections of one server, and the single place mutations are announced to the
 * journal. Collections are created implicitly by the first write, as in MongoDB.
 */
import { createMongoError } from '../errors/mongo-error.js';
import type { Mutation, MutationSink } from './mutation.js';
import { StoredCollection } from './stored-collection.js';

const INVALID_COLLECTION = /^$|\$|\0/;

/** Throws InvalidNamespace (73) for names MongoDB rejects. */
export function validateCollectionName(db: string, name: string): void {
  if (
    typeof name !== 'string' ||
    INVALID_COLLECTION.test(name) ||
    name.startsWith('.') ||
    name.startsWith('system.')
  ) {
    throw createMongoError(73, `Invalid collection name: ${db}.${String(name)}`);
  }
}

export class Catalog {
  readonly #databases = new Map<string, Map<string, StoredCollection>>();
  #sink: MutationSink = () => {};

  /** Routes every future mutation to `sink` (the journal). */
  setSink(sink: MutationSink): void {
    this.#sink = sink;
  }

  #emit = (mutation: Mutation): void => this.#sink(mutation);

  databaseNames(): string[] {
    return [...this.#databases.keys()];
  }

  collections(db: string): StoredCollection[] {
    return [...(this.#databases.get(db)?.values() ?? [])];
  }

  allCollections(): StoredCollection[] {
    return [...this.#databases.values()].flatMap((m) => [...m.values()]);
  }

  get(db: string, name: string): StoredCollection | undefined {
    return this.#databases.get(db)?.get(name);
  }

  /** The collection, created (and journaled) if it does not exist. */
  ensure(db: string, name: string): StoredCollection {
    return this.get(db, name) ?? this.create(db, name, {});
  }

  /** Creates a collection; NamespaceExists (48) if it exists. */
  create(db: string, name: string, options: Record<string, unknown>): StoredCollection {
    validateCollectionName(db, name);
    if (this.get(db, name)) throw createMongoError(48, `Collection ${db}.${name} already exists.`);
    let collections = this.#databases.get(db);
    if (!collections) {
      collections = new Map();
      this.#databases.set(db, collections);
    }
    const collection = new StoredCollection(db, name, options, this.#emit);
    collections.set(name, collection);
    this.#emit({ op: 'createCollection', db, coll: name, options });
    return collection;
  }

  /** Drops a collection; returns false when it did not exist. */
  drop(db: string, name: string): boolean {
    const collections = this.#databases.get(db);
    if (!collections?.delete(name)) return false;
    if (collections.size === 0) this.#databases.delete(db);
    this.#emit({ op: 'dropCollection', db, coll: name });
    return true;
  }

  dropDatabase(db: string): void {
    if (!this.#databases.delete(db)) return;
    this.#emit({ op: 'dropDatabase', db });
  }

  /** Re-applies a journaled mutation (the sink is expected to be silent during replay). */
  apply(m: Mutation): void {
    switch (m.op) {
      case 'put': {
        const collection = this.ensure(m.db, m.coll);
        const existing = collection.getById(m.doc._id);
        if (existing) collection.replace(existing, m.doc);
        else collection.insert(m.doc);
        return;
      }
      case 'delete': {
        const collection = this.get(m.db, m.coll);
        const existing = collection?.getById(m.id);
        if (collection && existing) collection.remove(existing);
        return;
      }
      case 'createCollection':
        if (!this.get(m.db, m.coll)) this.create(m.db, m.coll, m.options);
        return;
      case 'dropCollection':
        this.drop(m.db, m.coll);
        return;
      case 'createIndex':
        this.ensure(m.db, m.coll).addIndex(m.spec);
        return;
      case 'dropIndex':
        this.get(m.db, m.coll)?.dropIndex(m.name);
        return;
      case 'dropDatabase':
        this.dropDatabase(m.db);
        return;
    }
  }
}
