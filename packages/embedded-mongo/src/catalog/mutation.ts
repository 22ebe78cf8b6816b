/**
 * The changes the engine makes, as the journal records them. Replaying them in order on an empty
 * catalog rebuilds the same state.
 */
import type { IndexSpec } from '../index/collection-index.js';

/** One durable change. */
export type Mutation =
  | { readonly op: 'put'; readonly db: string; readonly coll: string; readonly doc: Record<string, unknown> }
  | { readonly op: 'delete'; readonly db: string; readonly coll: string; readonly id: unknown }
  | {
      readonly op: 'createCollection';
      readonly db: string;
      readonly coll: string;
      readonly options: Record<string, unknown>;
    }
  | { readonly op: 'dropCollection'; readonly db: string; readonly coll: string }
  | { readonly op: 'createIndex'; readonly db: string; readonly coll: string; readonly spec: IndexSpec }
  | { readonly op: 'dropIndex'; readonly db: string; readonly coll: string; readonly name: string }
  | { readonly op: 'dropDatabase'; readonly db: string };

/** Receives every mutation synchronously, in the order the engine applies them. */
export type MutationSink = (mutation: Mutation) => void;
