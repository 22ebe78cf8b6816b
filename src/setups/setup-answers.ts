import { describeAnswers, type SetupAnswers } from '../../flows/order-setup.answers.js';
import type { SetupDocument } from '../storage/setups.repository.js';
import { restoreSetup } from './setup-envelope.js';

/**
 * The answers of a stored setup, or null when the order has none yet. A snapshot that cannot be
 * restored reads as no answers given, as the conversation itself starts it over.
 */
export function answersOfStored(doc: SetupDocument | undefined): SetupAnswers | null {
  return doc === undefined ? null : describeAnswers(restoreSetup(doc).snapshot);
}

export { describeAnswers, hasNoAnswers, type SetupAnswers } from '../../flows/order-setup.answers.js';
