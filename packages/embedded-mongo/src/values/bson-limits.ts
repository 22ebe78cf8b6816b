/**
 * The size limit of one BSON document. Storage, cursors and the wire protocol all enforce it, so it
 * lives with the values rather than in `wire/`: the engine never depends on the protocol layer.
 */
export const MAX_BSON_OBJECT_SIZE = 16 * 1024 * 1024;
