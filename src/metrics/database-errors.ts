import type { DatabaseErrorKind, Metrics } from './metrics.port.js';

/**
 * Whether an error came from the database driver. Only `src/storage` imports the driver, so its
 * errors are recognised by their names (every driver error is a `Mongo…Error`), and stored
 * documents that fail their schema by the storage layer's own error.
 */
function isDatabaseError(error: unknown): boolean {
  return error instanceof Error && (/^Mongo/.test(error.name) || error.name === 'StoredDocumentError');
}

/** `unavailable`, `other`, or undefined when the error is not the database's. */
export function classifyDatabaseError(
  error: unknown,
  isUnavailable: (error: unknown) => boolean,
): DatabaseErrorKind | undefined {
  if (isUnavailable(error)) return 'unavailable';
  return isDatabaseError(error) ? 'other' : undefined;
}

/**
 * The boundaries' "is this an outage?" question (the event router's, the HTTP server's), counting
 * each database error it is asked about: every error that reaches a boundary is asked about once.
 */
export function countingDatabaseErrors(
  isUnavailable: (error: unknown) => boolean,
  metrics: Metrics,
): (error: unknown) => boolean {
  return (error) => {
    const kind = classifyDatabaseError(error, isUnavailable);
    if (kind !== undefined) metrics.databaseError(kind);
    return kind === 'unavailable';
  };
}
