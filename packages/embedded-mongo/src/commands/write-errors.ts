/**
 * The `writeErrors` entries of write command replies.
 */
import type { MongoCommandError } from '../errors/mongo-error.js';

/** One failed statement of a write command. */
export interface WriteError {
  index: number;
  code: number;
  codeName: string;
  errmsg: string;
  [extra: string]: unknown;
}

/** Converts a statement's error into a write error at `index`. */
export function toWriteError(index: number, error: MongoCommandError): WriteError {
  return { index, code: error.code, codeName: error.codeName, errmsg: error.message, ...error.extra };
}
