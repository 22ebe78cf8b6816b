/**
 * Runs MongoDB's unified-format CRUD spec tests against a fresh embedded server per file, through
 * the official driver, and reports passed/failed/skipped per test with the reason for each skip.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { EJSON } from 'bson';
import { MongoClient } from 'mongodb';
import { startEmbeddedMongo } from '../index.js';
import { checkError, checkEvents, checkOutcome } from './expectation-checks.js';
import { executeOperation } from './operation-executor.js';
import { checkRequirements } from './requirements.js';
import { type SpecFile, type SpecTest, specFileSchema } from './spec-file.schema.js';
import { EntityMap, UnsupportedFeatureError } from './test-entities.js';
import { matchValue, normalizeActual } from './value-matcher.js';

/** Outcome of one test. */
export interface TestReport {
  readonly description: string;
  readonly status: 'passed' | 'failed' | 'skipped';
  /** Why the test was skipped. */
  readonly skipReason?: string;
  /** Assertion failures or errors. */
  readonly problems: readonly string[];
}

/** Outcome of one file. */
export interface FileReport {
  readonly file: string;
  readonly description: string;
  readonly tests: readonly TestReport[];
}

/** Outcome of a whole folder. */
export interface ConformanceReport {
  readonly files: readonly FileReport[];
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

/** Highest schema version this runner implements (major 1). */
const SUPPORTED_SCHEMA = [1, 21];

function schemaSupported(version: string): boolean {
  const [major, minor] = version.split('.').map(Number);
  return major === SUPPORTED_SCHEMA[0] && (minor ?? 0) <= (SUPPORTED_SCHEMA[1] ?? 0);
}

/** Loads and validates one spec file. */
export async function loadSpecFile(path: string): Promise<SpecFile> {
  const parsed: unknown = EJSON.parse(await readFile(path, 'utf8'), { relaxed: true });
  return specFileSchema.parse(parsed);
}

async function prepareInitialData(client: MongoClient, spec: SpecFile): Promise<void> {
  for (const data of spec.initialData ?? []) {
    const db = client.db(data.databaseName);
    await db
      .collection(data.collectionName)
      .drop()
      .catch(() => false);
    if (data.createOptions) await db.createCollection(data.collectionName, data.createOptions);
    if (data.documents.length > 0) await db.collection(data.collectionName).insertMany(data.documents);
    else if (!data.createOptions) await db.createCollection(data.collectionName);
  }
}

async function runTest(
  uri: string,
  internal: MongoClient,
  spec: SpecFile,
  test: SpecTest,
): Promise<TestReport> {
  const skip = (reason: string): TestReport => ({
    description: test.description,
    status: 'skipped',
    skipReason: reason,
    problems: [],
  });
  if (test.skipReason) return skip(`skipReason: ${test.skipReason}`);
  const unmet = checkRequirements(test.runOnRequirements);
  if (unmet) return skip(unmet);
  const problems: string[] = [];
  const entities = new EntityMap(uri);
  try {
    await prepareInitialData(internal, spec);
    await entities.create(spec.createEntities ?? []);
    for (const [index, operation] of test.operations.entries()) {
      const label = `operation ${index} (${operation.name})`;
      let result: unknown;
      let error: unknown;
      let failed = false;
      try {
        result = await executeOperation(operation, entities);
      } catch (caught) {
        if (caught instanceof UnsupportedFeatureError) throw caught;
        error = caught;
        failed = true;
      }
      if (operation.ignoreResultAndError) continue;
      if (operation.expectError) {
        if (!failed) problems.push(`${label}: expected an error, got ${JSON.stringify(result)}`);
        else problems.push(...checkError(operation.expectError, error).map((p) => `${label}: ${p}`));
      } else if (failed) {
        problems.push(
          `${label}: unexpected error: ${error instanceof Error ? error.message : String(error)}`,
        );
      } else if (operation.expectResult !== undefined) {
        problems.push(
          ...matchValue(operation.expectResult, normalizeActual(result), true).map((p) => `${label}: ${p}`),
        );
      }
      if (operation.saveResultAsEntity)
        entities.set(operation.saveResultAsEntity, { kind: 'value', value: result });
    }
    for (const expected of test.expectEvents ?? []) {
      if ((expected.eventType ?? 'command') !== 'command') {
        throw new UnsupportedFeatureError(
          `expectEvents of type '${expected.eventType}' (driver pool/SDAM events)`,
        );
      }
      problems.push(
        ...checkEvents(expected, entities.client(expected.client).events).map((p) => `expectEvents: ${p}`),
      );
    }
    if (test.outcome) problems.push(...(await checkOutcome(internal, test.outcome)));
  } catch (error) {
    if (error instanceof UnsupportedFeatureError)
      return skip(`driver-only feature not supported by this runner: ${error.message}`);
    problems.push(`runner error: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await entities.close();
  }
  return { description: test.description, status: problems.length > 0 ? 'failed' : 'passed', problems };
}

/** Runs one file against a fresh in-memory server. */
export async function runSpecFile(path: string): Promise<FileReport> {
  const file = basename(path);
  let spec: SpecFile;
  try {
    spec = await loadSpecFile(path);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      file,
      description: file,
      tests: [{ description: '(file)', status: 'failed', problems: [`cannot load: ${message}`] }],
    };
  }
  if (!schemaSupported(spec.schemaVersion)) {
    const problems = [
      `schemaVersion ${spec.schemaVersion} is newer than this runner supports (${SUPPORTED_SCHEMA.join('.')})`,
    ];
    return {
      file,
      description: spec.description,
      tests: spec.tests.map((t) => ({ description: t.description, status: 'failed', problems })),
    };
  }
  const unmet = checkRequirements(spec.runOnRequirements);
  if (unmet) {
    return {
      file,
      description: spec.description,
      tests: spec.tests.map((t) => ({
        description: t.description,
        status: 'skipped',
        skipReason: unmet,
        problems: [],
      })),
    };
  }
  const server = await startEmbeddedMongo();
  const internal = await MongoClient.connect(server.uri);
  try {
    const tests: TestReport[] = [];
    for (const test of spec.tests) tests.push(await runTest(server.uri, internal, spec, test));
    return { file, description: spec.description, tests };
  } finally {
    await internal.close();
    await server.close();
  }
}

/** Runs every `*.json` file of `folder` (sorted by name). */
export async function runConformanceSuite(folder: string): Promise<ConformanceReport> {
  const names = (await readdir(folder)).filter((n) => n.endsWith('.json')).sort();
  const files: FileReport[] = [];
  for (const name of names) files.push(await runSpecFile(join(folder, name)));
  const all = files.flatMap((f) => f.tests);
  return {
    files,
    passed: all.filter((t) => t.status === 'passed').length,
    failed: all.filter((t) => t.status === 'failed').length,
    skipped: all.filter((t) => t.status === 'skipped').length,
  };
}
