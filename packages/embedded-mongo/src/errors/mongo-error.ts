/**
 * Errors the server answers with. Each carries MongoDB's numeric code and code name, so the official
 * driver turns it into the same `MongoServerError` a real mongod would produce.
 */

/** MongoDB's code names for the codes this server emits. */
export const CODE_NAMES: Readonly<Record<number, string>> = {
  1: 'InternalError',
  2: 'BadValue',
  9: 'FailedToParse',
  10: 'UserNotFound',
  14: 'TypeMismatch',
  20: 'IllegalOperation',
  26: 'NamespaceNotFound',
  27: 'IndexNotFound',
  40: 'ConflictingUpdateOperators',
  43: 'CursorNotFound',
  48: 'NamespaceExists',
  52: 'DollarPrefixedFieldName',
  59: 'CommandNotFound',
  66: 'ImmutableField',
  67: 'CannotCreateIndex',
  72: 'InvalidOptions',
  73: 'InvalidNamespace',
  85: 'IndexOptionsConflict',
  86: 'IndexKeySpecsConflict',
  115: 'CommandNotSupported',
  166: 'CommandNotSupportedOnView',
  197: 'InvalidIndexSpecificationOption',
  10334: 'BSONObjectTooLarge',
  11000: 'DuplicateKey',
  40573: 'Location40573',
};

/** An error answered to the client as `{ ok: 0, code, codeName, errmsg }`. */
export class MongoCommandError extends Error {
  readonly code: number;
  readonly codeName: string;
  /** Extra fields copied into the reply or write error (e.g. `keyPattern`, `keyValue`). */
  readonly extra: Record<string, unknown>;

  constructor(code: number, message: string, extra: Record<string, unknown> = {}) {
    super(message);
    this.name = 'MongoCommandError';
    this.code = code;
    this.codeName = CODE_NAMES[code] ?? `Location${code}`;
    this.extra = extra;
  }
}

/** Builds a `MongoCommandError` with the given code. */
export function createMongoError(
  code: number,
  message: string,
  extra: Record<string, unknown> = {},
): MongoCommandError {
  return new MongoCommandError(code, message, extra);
}

/** Keeps a MongoCommandError; wraps anything else (e.g. a mingo error) as BadValue. */
export function asMongoError(error: unknown): MongoCommandError {
  if (error instanceof MongoCommandError) return error;
  return new MongoCommandError(2, error instanceof Error ? error.message : String(error));
}

/** Turns anything thrown while running a command into a MongoDB error reply body. */
export function toErrorReply(error: unknown): Record<string, unknown> {
  if (error instanceof MongoCommandError) {
    return { ok: 0, errmsg: error.message, code: error.code, codeName: error.codeName, ...error.extra };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { ok: 0, errmsg: message, code: 1, codeName: 'InternalError' };
}
