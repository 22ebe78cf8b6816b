import type { SetupsRepository } from '../storage/setups.repository.js';
import { answersOfStored, type SetupAnswers } from './setup-answers.js';

/** Reads the answers of stored setups for those who show them (the orders API, its export). */
export interface SetupReadBack {
  /** The answers of one order's setup, or null when it has not started. */
  answersOf(orderId: string): Promise<SetupAnswers | null>;
  /** The answers of several orders' setups, in one read; orders without a setup are absent. */
  answersOfMany(orderIds: readonly string[]): Promise<Map<string, SetupAnswers>>;
}

/** The read-back over the setups repository; it never writes. */
export function createSetupReadBack(setups: Pick<SetupsRepository, 'load' | 'loadMany'>): SetupReadBack {
  return {
    answersOf: async (orderId) => answersOfStored(await setups.load(orderId)),
    async answersOfMany(orderIds) {
      const out = new Map<string, SetupAnswers>();
      for (const doc of await setups.loadMany(orderIds)) {
        const answers = answersOfStored(doc);
        if (answers !== null) out.set(doc._id, answers);
      }
      return out;
    },
  };
}
