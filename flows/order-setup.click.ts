import type { ParsedCardAction } from './card-action.schema.js';
import type { FieldErrors } from './order-setup.errors.js';
import type { OrderSetupEvent } from './order-setup.events.js';
import { currentView, type OrderSetupSnapshot } from './order-setup.steps.js';
import { type AnySetupStep, stepOfView } from './steps/index.js';
import {
  type FactsRequest,
  readEvent,
  type StepClick,
  type StepFacts,
  type StepOptions,
  type StepOutcome,
  type StepReading,
} from './steps/setup-step.js';

/**
 * The one place a click on a setup card becomes a machine event: the current step's module parses
 * the card's raw inputs with its schema, names the directory facts it needs, and, once the
 * conversation has looked them up, applies its rule. Pure: the look-ups happen in between, outside.
 */

/** The event of a click, or the same card again with `values` kept and each error under its field. */
export type ClickOutcome =
  | { kind: 'event'; event: OrderSetupEvent }
  | { kind: 'invalid'; errors: FieldErrors; values: Record<string, string> };

export type ClickReading =
  /**
   * Look up `facts`, then `toEvent` gives the event (send it with `advanceOrderSetup`) or errors;
   * it throws only if a requested fact was not given (a bug of the conversation, not bad input).
   */
  | { kind: 'read'; facts: FactsRequest; toEvent: (facts: StepFacts) => ClickOutcome }
  /** Re-send the same card with `values` kept and each error under its field; save nothing. */
  | { kind: 'invalid'; errors: FieldErrors; values: Record<string, string> }
  /** start, resume, restart, restartCancel, saveAndExit: the conversation handles these itself (navigation). */
  | { kind: 'navigation' }
  /** The card is for another step than the current one. */
  | { kind: 'stale' }
  /** The action or choice makes no sense on this step (a forged or malformed submit). */
  | { kind: 'unsupported' };

/** Reads a click on the current card of `snapshot`. Never throws. */
export function readSetupClick(
  snapshot: OrderSetupSnapshot,
  submit: ParsedCardAction,
  options: StepOptions,
): ClickReading {
  const { envelope, inputs } = submit;
  switch (envelope.action) {
    case 'start':
    case 'resume':
    case 'restart':
    case 'restartCancel':
    case 'saveAndExit':
      return { kind: 'navigation' };
    default:
      break;
  }
  const view = currentView(snapshot);
  if (view === null || envelope.step !== view) return { kind: 'stale' };
  const step = stepOfView(view);
  const click: StepClick = { view, choice: envelope.choice, inputs };
  const { context } = snapshot;
  switch (envelope.action) {
    case 'restartConfirm':
      return withValues(step, inputs, readEvent({ type: 'RESTART' }));
    case 'setLocale': {
      const locale = envelope.locale;
      return locale === undefined
        ? { kind: 'unsupported' }
        : withValues(step, inputs, readEvent({ type: 'SET_LOCALE', locale }));
    }
    case 'back':
      return view === 'role'
        ? { kind: 'unsupported' }
        : withValues(step, inputs, readEvent({ type: 'BACK' }));
    case 'edit':
      return step.readEdit === undefined
        ? { kind: 'unsupported' }
        : withValues(step, inputs, step.readEdit(click, context));
    case 'next':
      return withValues(step, inputs, step.readNext(click, context, options));
  }
}

/** The typed values of the step's own inputs (and only those), to show again on its card. */
function typedValues(step: AnySetupStep, inputs: Readonly<Record<string, string>>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const id of step.inputIds) {
    const value = inputs[id];
    if (value !== undefined) values[id] = value;
  }
  return values;
}

function withValues(
  step: AnySetupStep,
  inputs: Readonly<Record<string, string>>,
  reading: StepReading<OrderSetupEvent>,
): ClickReading {
  const invalid = (errors: FieldErrors) => ({
    kind: 'invalid' as const,
    errors,
    values: typedValues(step, inputs),
  });
  switch (reading.kind) {
    case 'unsupported':
      return reading;
    case 'invalid':
      return invalid(reading.errors);
    case 'read':
      return {
        kind: 'read',
        facts: reading.facts,
        toEvent: (facts) => {
          const outcome: StepOutcome<OrderSetupEvent> = reading.toEvent(facts);
          return outcome.kind === 'event' ? outcome : invalid(outcome.errors);
        },
      };
  }
}
