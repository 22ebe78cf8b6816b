import type { CardActionName, ParsedCardAction } from '../../flows/card-action.schema.js';
import { draftValues, readDraft } from '../../flows/order-setup.draft.js';
import type { OrderView } from '../orders/order-view.js';
import type { LoadedSetup } from '../setups/setup-envelope.js';
import type { IncomingEvent } from '../webex/gateway.js';
import { type ConversationContext, reply } from './conversation-deps.js';

/**
 * Buttons that only show something and never move the flow. They carry no meaningful revision
 * (notice cards send `rev: 0`), so they are answered whatever the revision of the card.
 */
const SHOW_ONLY = ['resume', 'restart', 'restartCancel', 'saveAndExit'] as const;
export type ShowOnlyAction = (typeof SHOW_ONLY)[number];

export function isShowOnlyAction(action: CardActionName): action is ShowOnlyAction {
  return SHOW_ONLY.some((name) => name === action);
}

/** Orders that can no longer be set up: a click on one of their cards changes nothing. */
const CLOSED_STATUSES = new Set(['cancelled', 'expired']);

export function isClosedOrder(order: OrderView): boolean {
  return CLOSED_STATUSES.has(order.status);
}

/** "This order is closed", in the order's language. */
export async function replyOrderClosed(ctx: ConversationContext, event: IncomingEvent, order: OrderView) {
  const notice = ctx.views.notice('orderClosed', order.locale, { status: order.status });
  await reply(ctx, event, 'closed', notice, order.orderId);
}

/** The current step card, refilled with the draft kept at Save and exit if it is for this card. */
export function currentStepCard(ctx: ConversationContext, loaded: LoadedSetup) {
  const values = draftValues(loaded.snapshot, loaded.rev, loaded.doc.draft);
  const form = values === undefined ? undefined : { errors: {}, values };
  return ctx.views.step(loaded.snapshot, loaded.rev, form);
}

/** Re-sends the current step card (after a stale click, `resume`, a cancelled restart). */
export async function resendStep(
  ctx: ConversationContext,
  event: IncomingEvent,
  loaded: LoadedSetup,
  name: string,
): Promise<void> {
  await reply(ctx, event, name, currentStepCard(ctx, loaded), loaded.doc._id);
}

/**
 * A setup that has ended: a finished one says so; one waiting for the Cisco representative
 * repeats why, so the person is never left guessing.
 */
export async function replyEnded(ctx: ConversationContext, event: IncomingEvent, loaded: LoadedSetup) {
  const { snapshot } = loaded;
  const message =
    snapshot.value === 'needsAttention'
      ? ctx.views.needsAttention(snapshot)
      : ctx.views.notice('alreadyDone', snapshot.context.locale);
  await reply(ctx, event, 'ended', message, loaded.doc._id);
}

/** Answers a show-only button of an active setup; nothing is saved. */
export async function answerShowOnly(
  ctx: ConversationContext,
  event: IncomingEvent,
  loaded: LoadedSetup,
  submit: ParsedCardAction & { envelope: { action: ShowOnlyAction } },
  order: OrderView | undefined,
): Promise<void> {
  const action = submit.envelope.action;
  const { snapshot, rev, doc } = loaded;
  const locale = snapshot.context.locale;
  switch (action) {
    case 'resume':
      await resendStep(ctx, event, loaded, 'resume');
      return;
    case 'restartCancel':
      await reply(ctx, event, 'restart-cancelled', ctx.views.notice('restartCancelled', locale), doc._id);
      await resendStep(ctx, event, loaded, 'resume');
      return;
    case 'restart':
      // The confirmation carries the current step and revision, whatever card asked for it.
      await reply(ctx, event, 'restart', ctx.views.restartConfirm(snapshot, rev), doc._id);
      return;
    case 'saveAndExit': {
      // What was typed on this card is kept as it is; it is checked when the step is submitted.
      const draft = readDraft(snapshot, rev, submit);
      if (draft !== null) await ctx.setups.saveDraft(doc._id, rev, draft);
      const deadline = order === undefined ? null : { at: order.deadlineAt, timeZone: order.timeZone };
      const message = ctx.views.savedAndExited(snapshot, deadline, draft !== null);
      await reply(ctx, event, 'saved', message, doc._id);
      return;
    }
  }
}
