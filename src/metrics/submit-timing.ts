import { parseCardAction } from '../../flows/card-action.schema.js';
import type { SetupsRepository } from '../storage/setups.repository.js';
import type { IncomingCardSubmit } from '../webex/gateway.js';
import type { Metrics, SubmitOutcome } from './metrics.port.js';

/** What the commits of a setup made while a submit on it was handled. */
interface SubmitRecord {
  saved: boolean;
  conflict: boolean;
}

/**
 * Times setup card submits and tells what became of them, by composition: `wrapHandler` wraps
 * the setup's submit handler, `observeCommits` the setups store it commits through. A commit of a
 * setup while a submit on that setup is being handled is that submit's. (Keyed by the order, not
 * by async context: async hooks would tax every promise of the process. Two people clicking the
 * same setup at the same moment, in a hand-over, may see one outcome told as the other's.)
 */
export function createSubmitTiming(metrics: Metrics) {
  const handling = new Map<string, SubmitRecord>();

  return {
    /**
     * The handler, reporting the card's step, the outcome and the seconds from the submit reaching
     * it to its end, when the answer (the next card, or why there is none) is queued in the outbox.
     */
    wrapHandler(handle: (event: IncomingCardSubmit) => Promise<void>) {
      return async (event: IncomingCardSubmit): Promise<void> => {
        const parsed = parseCardAction(event.inputs);
        const step = parsed.ok ? parsed.envelope.step : 'unreadable';
        const orderId = parsed.ok ? parsed.envelope.orderId : undefined;
        const record: SubmitRecord = { saved: false, conflict: false };
        const owns = orderId !== undefined && !handling.has(orderId);
        if (owns) handling.set(orderId, record);
        const started = performance.now();
        let outcome: SubmitOutcome = 'failed';
        try {
          await handle(event);
          outcome = record.saved ? 'advanced' : record.conflict ? 'conflict' : 'answered';
        } finally {
          if (owns) handling.delete(orderId);
          metrics.cardSubmitHandled(step, outcome, (performance.now() - started) / 1000);
        }
      };
    },

    /** The store, noting for the submit being handled on a setup (if any) whether its commit was saved. */
    observeCommits(store: SetupsRepository): SetupsRepository {
      return {
        ...store,
        async commit(write, effects, at, owner) {
          const doc = await store.commit(write, effects, at, owner);
          const record = handling.get(write.kind === 'create' ? write.doc._id : write.id);
          if (record !== undefined) {
            if (doc === undefined) record.conflict = true;
            else record.saved = true;
          }
          return doc;
        },
      };
    },
  };
}

export type SubmitTiming = ReturnType<typeof createSubmitTiming>;
