/**
 * Assertions of a unified-format test besides `expectResult`: `expectError`, `expectEvents` and
 * `outcome`. Each returns the list of mismatches (empty when satisfied).
 */
import { MongoBulkWriteError, type MongoClient, MongoError, MongoServerError } from 'mongodb';
import { isPlainDocument } from '../values/bson-value.js';
import { bulkResultDocument } from './operation-executor.js';
import type { CollectionData, ExpectedEvents } from './spec-file.schema.js';
import type { ObservedEvent } from './test-entities.js';
import { matchValue, normalizeActual } from './value-matcher.js';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Checks an error against `expectError`. */
export function checkError(expected: Record<string, unknown>, error: unknown): string[] {
  const problems: string[] = [];
  const isServer = error instanceof MongoServerError || error instanceof MongoBulkWriteError;
  if (expected.isClientError === true && isServer)
    problems.push(`expected a client error, got server error: ${messageOf(error)}`);
  if (expected.isClientError === false && !isServer)
    problems.push(`expected a server error, got: ${messageOf(error)}`);
  if (
    typeof expected.errorContains === 'string' &&
    !messageOf(error).toLowerCase().includes(expected.errorContains.toLowerCase())
  ) {
    problems.push(`error message '${messageOf(error)}' does not contain '${expected.errorContains}'`);
  }
  const code = error instanceof MongoError ? error.code : undefined;
  if (expected.errorCode !== undefined && code !== expected.errorCode) {
    problems.push(`expected error code ${String(expected.errorCode)}, got ${String(code)}`);
  }
  const codeName = error instanceof MongoServerError ? error.codeName : undefined;
  if (expected.errorCodeName !== undefined && codeName !== expected.errorCodeName) {
    problems.push(`expected error code name ${String(expected.errorCodeName)}, got ${String(codeName)}`);
  }
  for (const label of Array.isArray(expected.errorLabelsContain) ? expected.errorLabelsContain : []) {
    if (!(error instanceof MongoError && error.hasErrorLabel(String(label))))
      problems.push(`missing error label ${String(label)}`);
  }
  for (const label of Array.isArray(expected.errorLabelsOmit) ? expected.errorLabelsOmit : []) {
    if (error instanceof MongoError && error.hasErrorLabel(String(label)))
      problems.push(`unexpected error label ${String(label)}`);
  }
  if (expected.expectResult !== undefined) {
    const partial = error instanceof MongoBulkWriteError ? bulkResultDocument(error.result) : undefined;
    problems.push(...matchValue(expected.expectResult, normalizeActual(partial), true, '$error.result'));
  }
  if (expected.errorResponse !== undefined) {
    const response = error instanceof MongoServerError ? error.errorResponse : undefined;
    problems.push(...matchValue(expected.errorResponse, normalizeActual(response), true, '$error.response'));
  }
  return problems;
}

function eventDocument(observed: ObservedEvent): Record<string, unknown> {
  const { event } = observed;
  const common = { commandName: event.commandName, databaseName: event.databaseName };
  if (observed.type === 'commandStartedEvent') return { ...common, command: observed.event.command };
  if (observed.type === 'commandSucceededEvent') return { ...common, reply: observed.event.reply };
  return common;
}

/** Checks the observed command events of one client against `expectEvents`. */
export function checkEvents(expected: ExpectedEvents, observed: readonly ObservedEvent[]): string[] {
  const actual = observed;
  if (
    actual.length < expected.events.length ||
    (!expected.ignoreExtraEvents && actual.length !== expected.events.length)
  ) {
    return [
      `expected ${expected.events.length} events, observed ${actual.length}: ${actual.map((e) => `${e.type}(${e.event.commandName})`).join(', ')}`,
    ];
  }
  return expected.events.flatMap((want, i) => {
    const [type] = Object.keys(want);
    const got = actual[i];
    const spec = type === undefined ? undefined : want[type];
    if (!got || type !== got.type)
      return [`event ${i}: expected ${String(type)}, observed ${String(got?.type)}`];
    if (!isPlainDocument(spec)) return [];
    const doc = eventDocument(got);
    return Object.entries(spec).flatMap(([key, value]) =>
      key === 'command' || key === 'reply'
        ? matchValue(value, normalizeActual(doc[key]), true, `$events[${i}].${key}`)
        : key === 'commandName' || key === 'databaseName'
          ? matchValue(value, doc[key], false, `$events[${i}].${key}`)
          : [],
    );
  });
}

/** Checks that each collection holds exactly the expected documents (sorted by `_id`). */
export async function checkOutcome(
  client: MongoClient,
  outcome: readonly CollectionData[],
): Promise<string[]> {
  const problems: string[] = [];
  for (const data of outcome) {
    const actual = await client
      .db(data.databaseName)
      .collection(data.collectionName)
      .find({}, { sort: { _id: 1 } })
      .toArray();
    const label = `outcome ${data.databaseName}.${data.collectionName}`;
    if (actual.length !== data.documents.length) {
      problems.push(
        `${label}: expected ${data.documents.length} documents, found ${actual.length}: ${JSON.stringify(actual)}`,
      );
      continue;
    }
    for (const [i, want] of data.documents.entries()) {
      problems.push(...matchValue(want, normalizeActual(actual[i]), false, `${label}[${i}]`));
    }
  }
  return problems;
}
