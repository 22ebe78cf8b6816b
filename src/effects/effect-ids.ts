import type { StoredEffect } from './effects.port.js';

/**
 * Gives each effect of one write a stable id, `<documentId>:<rev>:<index>`: a revision is written
 * once (compare-and-set), so the id names the same effect however often it is read back.
 */
export function identifyEffects(documentId: string, rev: number, effects: readonly unknown[], at: Date) {
  return effects.map(
    (effect, index): StoredEffect => ({
      id: `${documentId}:${rev}:${index}`,
      json: JSON.stringify(effect),
      at,
    }),
  );
}
