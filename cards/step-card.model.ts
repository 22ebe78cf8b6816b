import type { CardActionData } from '../flows/card-action.schema.js';
import type { CountryCatalog } from '../flows/countries.js';
import type { FieldErrors } from '../flows/order-setup.errors.js';
import type { OrderSetupContext } from '../flows/order-setup.schemas.js';
import { describePosition, type OrderSetupSnapshot } from '../flows/order-setup.steps.js';
import type { InputId, StepId, ViewId } from '../flows/steps/index.js';
import type { CardElement, SubmitAction } from './adaptive-card.types.js';
import { submit } from './card-kit.js';
import type { Translate } from './i18n/translate.js';

/** Everything a step card shows: where the flow is, what was typed, and errors from a bad submit. */
export interface StepCardModel {
  view: ViewId;
  step: StepId;
  n: number;
  total: number;
  /** The envelope revision the card's actions carry, so a later click can be recognised as stale. */
  rev: number;
  context: OrderSetupContext;
  countries: CountryCatalog;
  /** From the step's rule when re-sending the same card; empty otherwise. */
  errors: FieldErrors;
  /** The values typed in the rejected submit, shown again as each input's `value`. */
  values: Readonly<Record<string, string>>;
}

export interface StepCardOptions {
  rev: number;
  countries: CountryCatalog;
  errors?: FieldErrors;
  values?: Readonly<Record<string, string>>;
}

/** The model of the current step's card, or null when the conversation has ended. */
export function buildStepCardModel(
  snapshot: OrderSetupSnapshot,
  options: StepCardOptions,
): StepCardModel | null {
  const position = describePosition(snapshot);
  if (position.kind !== 'step') return null;
  return {
    view: position.view,
    step: position.step,
    n: position.n,
    total: position.total,
    rev: options.rev,
    context: snapshot.context,
    countries: options.countries,
    errors: options.errors ?? {},
    values: options.values ?? {},
  };
}

/** The typed value of an input if the last submit was rejected, else the saved answer. */
export function inputValue(
  model: StepCardModel,
  id: InputId,
  saved: string | null | undefined,
): string | undefined {
  return model.values[id] ?? saved ?? undefined;
}

/** The action envelope for this card. */
export function stepData(
  model: StepCardModel,
  extra: Omit<CardActionData, 'orderId' | 'step' | 'rev'>,
): CardActionData {
  return { orderId: model.context.orderId, step: model.view, rev: model.rev, ...extra };
}

/**
 * Back (where it makes sense), Start over and Save and exit. Save and exit sends what was typed,
 * kept as a draft of this card; the other two send nothing.
 */
export function navigationActions(
  model: StepCardModel,
  t: Translate,
  options: { startOver: boolean; back?: boolean },
): SubmitAction[] {
  const actions: SubmitAction[] = [];
  if (options.back ?? model.view !== 'role')
    actions.push(submit(t('common.back'), stepData(model, { action: 'back' }), { skipInputs: true }));
  if (options.startOver)
    actions.push(submit(t('common.startOver'), stepData(model, { action: 'restart' }), { skipInputs: true }));
  actions.push(submit(t('common.saveAndExit'), stepData(model, { action: 'saveAndExit' })));
  return actions;
}

/** What each step module produces; `step.card.ts` adds the header, progress and fallback. */
export interface StepContent {
  body: CardElement[];
  actions: SubmitAction[];
  /** Fallback text lines after the header. */
  text: string[];
}
