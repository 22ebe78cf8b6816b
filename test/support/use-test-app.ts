import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, TestRunner } from 'vitest';
import { createSilentLogger, type Logger } from '../../src/log/logger.js';
import { connectStorage, type Storage } from '../../src/storage/connect.js';
import { startTestApp, type TestApp } from './test-app.js';

/**
 * The lifecycle of what a test file runs against (the whole app, or only a database), written
 * once: `useX()` registers the vitest hooks itself and returns a handle whose properties read the
 * running thing, so a test reads `app.person(...)` where it used to declare, start and stop it.
 *
 * Start-up runs in a `beforeAll` (or `beforeEach` with `scope: 'test'`) registered where `useX()`
 * is called, in the order the calls are written. Everything started in a suite is stopped in one
 * `afterAll` (or `afterEach`), newest first, and every stop runs even when an earlier one failed:
 * the failures are reported together after the last one, next to (never instead of) the tests'.
 */

/** `suite`: started once for the enclosing `describe` (or file); `test`: started for each test. */
export type FixtureScope = 'suite' | 'test';

interface Teardown {
  readonly what: string;
  readonly stop: () => Promise<void>;
}

const teardownsBySuite = new WeakMap<object, Record<FixtureScope, Teardown[] | undefined>>();

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Stops everything on the list, newest first; one failed stop does not keep the others running. */
async function runTeardowns(list: Teardown[]): Promise<void> {
  const failures: Error[] = [];
  for (const { what, stop } of list.splice(0).reverse()) {
    try {
      await stop();
    } catch (error) {
      failures.push(new Error(`${what} did not stop: ${describeError(error)}`, { cause: error }));
    }
  }
  const [first, ...more] = failures;
  if (first === undefined) return;
  throw more.length === 0 ? first : new AggregateError(failures, `${failures.length} fixtures did not stop`);
}

/** The teardown list of the suite being collected, with its one `afterAll`/`afterEach`. */
function teardownsOf(scope: FixtureScope): Teardown[] {
  const suite = TestRunner.getCurrentSuite();
  const lists = teardownsBySuite.get(suite) ?? { suite: undefined, test: undefined };
  teardownsBySuite.set(suite, lists);
  const existing = lists[scope];
  if (existing !== undefined) return existing;
  const list: Teardown[] = [];
  lists[scope] = list;
  (scope === 'suite' ? afterAll : afterEach)(() => runTeardowns(list));
  return list;
}

/** Adds a stop to the suite's teardown; the returned function takes it off again (stopped early). */
function track(list: Teardown[], what: string, stop: () => Promise<void>): () => void {
  const entry: Teardown = { what, stop };
  list.push(entry);
  return () => {
    const index = list.indexOf(entry);
    if (index >= 0) list.splice(index, 1);
  };
}

export interface FixtureLifecycle<T> {
  start(): Promise<T>;
  /** Undoes `start`; left out when something else (a database fixture) owns the resources. */
  stop?(value: T): Promise<void>;
  scope?: FixtureScope;
}

/**
 * The building block of the `useX()` fixtures: starts `what` before the tests of the enclosing
 * suite, stops it after them, and returns a reader that throws a clear error outside that window.
 */
export function useFixture<T>(what: string, lifecycle: FixtureLifecycle<T>): () => T {
  const scope = lifecycle.scope ?? 'suite';
  const teardowns = teardownsOf(scope);
  let current: { value: T } | undefined;
  (scope === 'suite' ? beforeAll : beforeEach)(async () => {
    let value: T;
    try {
      value = await lifecycle.start();
    } catch (error) {
      throw new Error(`${what} did not start: ${describeError(error)}`, { cause: error });
    }
    current = { value };
    track(teardowns, what, async () => {
      current = undefined;
      await lifecycle.stop?.(value);
    });
  });
  return () => {
    if (current === undefined)
      throw new Error(
        `${what} is not running: read it inside a test or a hook registered after it (or its start-up failed, see the hook's error)`,
      );
    return current.value;
  };
}

/** A database of its own on the test server (the one `MONGODB_URI` names, or an embedded one). */
export interface TestDatabase extends Storage {
  readonly dbName: string;
}

function externalMongoUri(): string | undefined {
  const uri = process.env.MONGODB_URI;
  return uri === undefined || uri === '' ? undefined : uri;
}

/**
 * Opens a uniquely named database through the storage layer; `close()` drops it first, so a
 * shared `MONGODB_URI` server stays clean. For a test that needs one for itself only.
 */
export async function openTestDatabase(label = 'db'): Promise<TestDatabase> {
  const dbName = `test_${label}_${randomUUID().replaceAll('-', '').slice(0, 12)}`;
  const storage = await connectStorage({
    uri: externalMongoUri(),
    dbName,
    dataDir: undefined,
    logger: createSilentLogger(),
  });
  let closed = false;
  return {
    ...storage,
    dbName,
    // Once only: a test may close early what its fixture closes again afterwards.
    async close() {
      if (closed) return;
      closed = true;
      try {
        await storage.db.dropDatabase();
      } finally {
        await storage.close();
      }
    },
  };
}

export interface UseTestDatabaseOptions {
  /** Part of the database name, to tell the suites' databases apart on a shared server. */
  label?: string;
  scope?: FixtureScope;
}

/**
 * A unique database for repository tests, and the server several app instances can share
 * (`useTestApp({ database })`). Read its properties inside tests or later hooks.
 */
export function useTestDatabase(options: UseTestDatabaseOptions = {}): TestDatabase {
  const read = useFixture('the test database', {
    start: () => openTestDatabase(options.label),
    stop: (database) => database.close(),
    ...(options.scope === undefined ? {} : { scope: options.scope }),
  });
  return {
    get client() {
      return read().client;
    },
    get db() {
      return read().db;
    },
    database: (name) => read().database(name),
    get uri() {
      return read().uri;
    },
    get embedded() {
      return read().embedded;
    },
    get dbName() {
      return read().dbName;
    },
    ping: (timeoutMs) => read().ping(timeoutMs),
    close: () => read().close(),
  };
}

export interface UseTestAppOptions {
  /** Environment overrides; a function is read at start-up, for values a hook before it made. */
  env?: Readonly<Record<string, string>> | (() => Readonly<Record<string, string>>);
  /** The clock every part of the app reads. */
  now?: () => Date;
  /** Runs on this database (and its server) instead of one of its own: several instances share it. */
  database?: TestDatabase;
  /** The administrators' emails (`ADMIN_EMAILS`). */
  admins?: readonly string[];
  /** Where the app logs (silent unless given). */
  logger?: Logger;
  /** People who exist in the emulator before the first test (and before instances started later). */
  people?: readonly string[];
  scope?: FixtureScope;
}

/** What `startTestApp` is given for these options, read when the app starts. */
function startOptionsOf(options: UseTestAppOptions): Parameters<typeof startTestApp>[0] {
  const env = typeof options.env === 'function' ? options.env() : options.env;
  return {
    env: { ...(options.admins === undefined ? {} : { ADMIN_EMAILS: options.admins.join(',') }), ...env },
    ...(options.now === undefined ? {} : { now: options.now }),
    ...(options.logger === undefined ? {} : { logger: options.logger }),
    ...(options.database === undefined
      ? {}
      : { mongoUri: options.database.uri, dbName: options.database.dbName }),
  };
}

async function startWithPeople(options: UseTestAppOptions, onStarted: (app: TestApp) => void) {
  const app = await startTestApp(startOptionsOf(options));
  onStarted(app);
  for (const email of options.people ?? []) await app.person(email);
  return app;
}

/**
 * The whole bot in local mode (see `startTestApp`) for the tests of the enclosing suite. The
 * handle reads the running app, so it is passed around and used as the app itself.
 */
export function useTestApp(options: UseTestAppOptions = {}): TestApp {
  const read = useFixture('the test app', {
    // People are created once the app is tracked, so a failure there still stops it.
    start: async () => {
      let started: TestApp | undefined;
      try {
        return await startWithPeople(options, (app) => {
          started = app;
        });
      } catch (error) {
        await started?.stop();
        throw error;
      }
    },
    stop: (app) => app.stop(),
    ...(options.scope === undefined ? {} : { scope: options.scope }),
  });
  return {
    get url() {
      return read().url;
    },
    get port() {
      return read().port;
    },
    get emulator() {
      return read().emulator;
    },
    get ordersApiToken() {
      return read().ordersApiToken;
    },
    get storage() {
      return read().storage;
    },
    get api() {
      return read().api;
    },
    get emulatorApi() {
      return read().emulatorApi;
    },
    get dbName() {
      return read().dbName;
    },
    runSchedulerOnce: () => read().runSchedulerOnce(),
    stop: () => read().stop(),
    person: (email, displayName, personOptions) => read().person(email, displayName, personOptions),
    callApi: (method, path, body) => read().callApi(method, path, body),
  };
}

export interface TestAppInstances {
  /** Starts another instance; whatever is still running after the suite is stopped then. */
  start(): Promise<TestApp>;
  /** Stops an instance now, as a restart or a crash of that process would. */
  stop(app: TestApp): Promise<void>;
}

/** App instances a test starts and stops itself, usually on one shared `database`. */
export function useTestAppInstances(options: Omit<UseTestAppOptions, 'scope'> = {}): TestAppInstances {
  const teardowns = teardownsOf('suite');
  const untrack = new Map<TestApp, () => void>();
  return {
    async start() {
      return startWithPeople(options, (app) => {
        untrack.set(
          app,
          track(teardowns, 'a test app instance', () => app.stop()),
        );
      });
    },
    async stop(app) {
      untrack.get(app)?.();
      untrack.delete(app);
      await app.stop();
    },
  };
}
