import { startOrderSetup } from '../../flows/order-setup.runtime.js';
import { isSetupEnded } from '../../flows/order-setup.steps.js';
import { hasApplied, restoreSetup, stateOf, withApplied } from '../setups/setup-envelope.js';
import type { SetupDocument } from '../storage/setups.repository.js';
import type { IncomingCardSubmit } from '../webex/gateway.js';
import { isClosedOrder, replyEnded, replyOrderClosed, resendStep } from './card-navigation.js';
import { type ConversationContext, reply } from './conversation-deps.js';
import { lookUpPartnerOrg, lookUpTrial } from './facts.js';
import { progressEffect } from './progress-effect.js';
import type { Effect } from './setup-effects.js';
import { sendTo } from './transition-effects.js';

/**
 * **Set up now** (on the invitation or a reminder): starts the setup the first time and resumes it
 * after that. Only the order's provisioning contact, or whoever the setup was handed to, may.
 */
export async function startOrResume(ctx: ConversationContext, event: IncomingCardSubmit, orderId: string) {
  const person = event.personEmail.toLowerCase();
  const order = await ctx.orders.getOrder(orderId);
  const doc = await ctx.setups.load(orderId);
  const owner = doc?.ownerEmail ?? order?.provisioningContactEmail;
  const mayAct = order !== undefined && (person === order.provisioningContactEmail || person === owner);
  if (order === undefined || !mayAct) {
    // The same answer whether or not the order exists: a stranger learns nothing from it.
    await reply(ctx, event, 'not-yours', ctx.views.notice('notYourOrder', 'en'));
    return;
  }
  if (isClosedOrder(order)) {
    await replyOrderClosed(ctx, event, order);
    return;
  }
  if (doc !== undefined && hasApplied(doc, event.actionId)) {
    await finishReplay(ctx, doc);
    return;
  }
  if (doc !== undefined) {
    const loaded = restoreSetup(doc);
    if (loaded.snapshot.context.ownerEmail !== person) {
      const notice = ctx.views.notice('setupMovedAway', order.locale, {
        owner: loaded.snapshot.context.ownerEmail,
      });
      await reply(ctx, event, 'moved', notice, orderId);
      return;
    }
    if (isSetupEnded(loaded.snapshot)) {
      await replyEnded(ctx, event, loaded);
      return;
    }
    await resendStep(ctx, event, loaded, 'resume');
    return;
  }
  if (order.status === 'completed') {
    await reply(ctx, event, 'ended', ctx.views.notice('alreadyDone', order.locale));
    return;
  }
  const snapshot = startOrderSetup({
    orderId,
    locale: order.locale,
    contactEmail: order.provisioningContactEmail,
    ownerEmail: person,
    partnerName: order.partnerName,
    customerName: order.customerName,
    ...(await lookUpStartFacts(ctx, person, order.trialOrgId)),
  });
  // The card first: the person waits for it, not for the order's status.
  const effects: Effect[] = [
    sendTo(person, ctx.views.step(snapshot, 0), orderId, `setup:${orderId}:0:step`),
    { kind: 'orderStarted', orderId, by: person },
  ];
  const progress = progressEffect(snapshot, person, 0);
  if (progress !== undefined) effects.push(progress);
  const at = ctx.now();
  const created = {
    _id: orderId,
    ...stateOf(snapshot),
    appliedEvents: withApplied(undefined, event.actionId),
    createdAt: at,
    updatedAt: at,
  };
  // Nothing saved means another click (or instance) created it a moment ago; its card is on the way.
  await ctx.effects.commitAndStart({ kind: 'create', doc: created }, effects);
}

/** The partner organization of the person's domain and the order's trial, looked up at once. */
async function lookUpStartFacts(ctx: ConversationContext, person: string, trialOrgId: string | null) {
  const [partnerOrg, trial] = await Promise.all([
    lookUpPartnerOrg(ctx, person),
    lookUpTrial(ctx, trialOrgId),
  ]);
  return { partnerOrg, trial };
}

/**
 * A click processed again that made a transition already (its inbox record was not marked done
 * before a crash or an outage): its answer is that transition's effects, carried out if still
 * pending, and nothing more. Treated as a new click, a "Set up now" would send the current step a
 * second time, and an answer would be "out of date".
 */
export async function finishReplay(ctx: ConversationContext, doc: SetupDocument): Promise<void> {
  if (doc.pendingEffects.length > 0) await ctx.effects.run({ id: doc._id, effects: doc.pendingEffects });
}
