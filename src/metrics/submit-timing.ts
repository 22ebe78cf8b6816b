import { AsyncLocalStorage } from 'node:async_hooks';
import { parseCardAction } from '../../flows/card-action.schema.js';
import type { IncomingCardSubmit } from '../webex/gateway.js';
import type { Metrics, SubmitOutcome } from './metrics.port.js';

/** What the commits made while one submit was handled. */
interface SubmitRecord {
  saved: boolean;
  conflict: boolean;
}

/** A store whose `commit` resolves to the document saved, or undefined when another write won. */
interface CommittingStore<A extends unknown[], R> {
  commit(...args: A): Promise<R | undefined>;
}

/**
 * Times setup card submits and tells what became of them, by composition: `wrapHandler` wraps
 * the setup's submit handler, `observeCommits` the setups store it commits through. A commit made
 * while a submit is being handled is that submit's (the handler's async context says which).
 */
export function createSubmitTiming(metrics: Metrics) {
  const current = new AsyncLocalStorage<SubmitRecord>();

  return {
    /**
     * The handler, reporting the card's step, the outcome and the seconds from the submit reaching
     * it to its end, when the answer (the next card, or why there is none) is queued in the outbox.
     */
    wrapHandler(handle: (event: IncomingCardSubmit) => Promise<void>) {
      return async (event: IncomingCardSubmit): Promise<void> => {
        const parsed = parseCardAction(event.inputs);
        const step = parsed.ok ? parsed.envelope.step : 'unreadable';
        const record: SubmitRecord = { saved: false, conflict: false };
        const started = performance.now();
        let outcome: SubmitOutcome = 'failed';
        try {
          await current.run(record, () => handle(event));
          outcome = record.saved ? 'advanced' : record.conflict ? 'conflict' : 'answered';
        } finally {
          metrics.cardSubmitHandled(step, outcome, (performance.now() - started) / 1000);
        }
      };
    },

    /** The store, noting for the submit being handled (if any) whether its commit was saved. */
    observeCommits<S extends CommittingStore<A, R>, A extends unknown[], R>(store: S): S {
      return {
        ...store,
        async commit(...args: A) {
          const doc = await store.commit(...args);
          const record = current.getStore();
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
