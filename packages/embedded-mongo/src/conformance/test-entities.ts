/**
 * The entity map of one unified-format test: clients (with command monitoring), databases,
 * collections, sessions and saved results.
 */
import {
  type ClientSession,
  type Collection,
  type CommandFailedEvent,
  type CommandStartedEvent,
  type CommandSucceededEvent,
  type Db,
  MongoClient,
} from 'mongodb';
import { isPlainDocument } from '../values/bson-value.js';

/** A command monitoring event as the unified format describes it. */
export type ObservedEvent =
  | { type: 'commandStartedEvent'; event: CommandStartedEvent }
  | { type: 'commandSucceededEvent'; event: CommandSucceededEvent }
  | { type: 'commandFailedEvent'; event: CommandFailedEvent };

export type Entity =
  | { kind: 'client'; client: MongoClient; events: ObservedEvent[] }
  | { kind: 'database'; db: Db }
  | { kind: 'collection'; collection: Collection }
  | { kind: 'session'; session: ClientSession }
  | { kind: 'value'; value: unknown };

/** Thrown for entity types or options this runner does not implement. */
export class UnsupportedFeatureError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedFeatureError';
  }
}

const SENSITIVE = new Set([
  'hello',
  'ismaster',
  'isMaster',
  'saslStart',
  'saslContinue',
  'getnonce',
  'authenticate',
  'createUser',
  'updateUser',
  'copydbgetnonce',
  'copydbsaslstart',
  'copydb',
]);

const text = (doc: Record<string, unknown>, field: string): string => {
  const value = doc[field];
  if (typeof value !== 'string')
    throw new UnsupportedFeatureError(`entity field '${field}' must be a string`);
  return value;
};

export class EntityMap {
  readonly #entities = new Map<string, Entity>();
  readonly #uri: string;

  constructor(uri: string) {
    this.#uri = uri;
  }

  get(id: string): Entity {
    const entity = this.#entities.get(id);
    if (!entity) throw new Error(`entity '${id}' is not defined`);
    return entity;
  }

  set(id: string, entity: Entity): void {
    if (this.#entities.has(id)) throw new Error(`entity '${id}' already exists`);
    this.#entities.set(id, entity);
  }

  client(id: string): Extract<Entity, { kind: 'client' }> {
    const e = this.get(id);
    if (e.kind !== 'client') throw new Error(`entity '${id}' is not a client`);
    return e;
  }

  /** Creates the entities of `createEntities`, in order. */
  async create(definitions: readonly Record<string, unknown>[]): Promise<void> {
    for (const definition of definitions) {
      const [type] = Object.keys(definition);
      const spec = type === undefined ? undefined : definition[type];
      if (type === undefined || !isPlainDocument(spec))
        throw new UnsupportedFeatureError('malformed entity definition');
      const id = text(spec, 'id');
      switch (type) {
        case 'client':
          this.set(id, await this.#createClient(spec));
          break;
        case 'database': {
          const client = this.client(text(spec, 'client')).client;
          this.set(id, { kind: 'database', db: client.db(text(spec, 'databaseName')) });
          break;
        }
        case 'collection': {
          const db = this.get(text(spec, 'database'));
          if (db.kind !== 'database') throw new Error(`entity '${String(spec.database)}' is not a database`);
          this.set(id, { kind: 'collection', collection: db.db.collection(text(spec, 'collectionName')) });
          break;
        }
        case 'session':
          this.set(id, { kind: 'session', session: this.client(text(spec, 'client')).client.startSession() });
          break;
        default:
          throw new UnsupportedFeatureError(`entity type '${type}' is not supported`);
      }
    }
  }

  async #createClient(spec: Record<string, unknown>): Promise<Entity> {
    const observe = Array.isArray(spec.observeEvents) ? spec.observeEvents.map(String) : [];
    const unsupported = observe.filter(
      (e) => !['commandStartedEvent', 'commandSucceededEvent', 'commandFailedEvent'].includes(e),
    );
    if (unsupported.length > 0)
      throw new UnsupportedFeatureError(`observing ${unsupported.join(', ')} (driver pool/SDAM events)`);
    const ignored = new Set(
      Array.isArray(spec.ignoreCommandMonitoringEvents) ? spec.ignoreCommandMonitoringEvents.map(String) : [],
    );
    const uriOptions = isPlainDocument(spec.uriOptions) ? spec.uriOptions : {};
    // The CRUD spec lets drivers generate only a missing _id; the Node.js driver also replaces a
    // null one unless the server is asked to generate ids, so ask the server (results then leave
    // insertedId unset, which the spec allows with $$unsetOrMatches).
    const client = new MongoClient(this.#uri, {
      ...uriOptions,
      forceServerObjectId: true,
      monitorCommands: observe.length > 0,
      serverSelectionTimeoutMS: 5000,
    });
    const events: ObservedEvent[] = [];
    const keep = (name: string): boolean =>
      !ignored.has(name) && !SENSITIVE.has(name) && name !== 'configureFailPoint';
    if (observe.includes('commandStartedEvent')) {
      client.on(
        'commandStarted',
        (event) => keep(event.commandName) && events.push({ type: 'commandStartedEvent', event }),
      );
    }
    if (observe.includes('commandSucceededEvent')) {
      client.on(
        'commandSucceeded',
        (event) => keep(event.commandName) && events.push({ type: 'commandSucceededEvent', event }),
      );
    }
    if (observe.includes('commandFailedEvent')) {
      client.on(
        'commandFailed',
        (event) => keep(event.commandName) && events.push({ type: 'commandFailedEvent', event }),
      );
    }
    await client.connect();
    return { kind: 'client', client, events };
  }

  /** Ends sessions and closes clients. */
  async close(): Promise<void> {
    for (const entity of this.#entities.values())
      if (entity.kind === 'session') await entity.session.endSession();
    for (const entity of this.#entities.values()) if (entity.kind === 'client') await entity.client.close();
    this.#entities.clear();
  }
}
