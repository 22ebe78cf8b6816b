/**
 * The shape every update operator (`$set`, `$push`, ...) has. It sits apart from both operator
 * tables so the array operators and the field operators can share it without importing each other.
 */

/** Applies one operator to one concrete path of a document copy; `id` is used in error messages. */
export type OperatorApplier = (
  doc: Record<string, unknown>,
  parts: string[],
  operand: unknown,
  id: unknown,
) => void;
