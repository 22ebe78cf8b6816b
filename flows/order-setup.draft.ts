import type { ParsedCardAction } from './card-action.schema.js';
import { currentView, type OrderSetupSnapshot } from './order-setup.steps.js';
import { stepOfView, type ViewId } from './steps/index.js';

/**
 * What was typed on the current card when the person left with Save and exit. A draft is not an
 * answer: nothing checks it until the step is submitted, and it only refills the card it came from
 * at the revision it was typed at (any transition makes it stale).
 */
export interface SetupDraft {
  rev: number;
  view: ViewId;
  values: Record<string, string>;
}

/**
 * The draft of a Save and exit click on the current card at the current revision: the values of
 * that card's own inputs (others dropped). Null for an old card or one with nothing typed.
 */
export function readDraft(
  snapshot: OrderSetupSnapshot,
  rev: number,
  submit: ParsedCardAction,
): SetupDraft | null {
  const view = currentView(snapshot);
  if (view === null || submit.envelope.step !== view || submit.envelope.rev !== rev) return null;
  const values: Record<string, string> = {};
  for (const id of stepOfView(view).inputIds) {
    const value = submit.inputs[id];
    if (value !== undefined && value.trim() !== '') values[id] = value;
  }
  return Object.keys(values).length === 0 ? null : { rev, view, values };
}

/** The draft's values if it belongs to the card shown now (same view, same revision), else none. */
export function draftValues(
  snapshot: OrderSetupSnapshot,
  rev: number,
  draft: { rev: number; view: string; values: Record<string, string> } | null | undefined,
): Record<string, string> | undefined {
  if (draft === null || draft === undefined) return undefined;
  return draft.rev === rev && draft.view === currentView(snapshot) ? draft.values : undefined;
}
