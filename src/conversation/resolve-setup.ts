import { advanceOrderSetup } from '../../flows/order-setup.runtime.js';
import { describePosition, isSetupEnded, type OrderSetupSnapshot } from '../../flows/order-setup.steps.js';
import { type LoadedSetup, restoreSetup } from '../setups/setup-envelope.js';
import type { ResolveResult } from '../setups/setup-operations.js';
import type { ConversationContext } from './conversation-deps.js';
import { lookUpPartnerOrg, lookUpTrial } from './facts.js';
import { progressEffect } from './progress-effect.js';
import type { Effect } from './setup-effects.js';
import { commitTransition } from './setup-session.js';
import { sendTo } from './transition-effects.js';

/**
 * A setup that waits for a person, reopened at the step concerned (`RESOLVE`), or undefined when
 * it does not wait: one under way, or one done whose order is not waiting either (a completed
 * one). The facts are looked up again for `owner`, since the fix was usually in the directory.
 */
export async function reopenWaitingSetup(
  ctx: ConversationContext,
  loaded: LoadedSetup,
  owner: string,
): Promise<OrderSetupSnapshot | undefined> {
  const { snapshot } = loaded;
  if (!isSetupEnded(snapshot)) return undefined;
  const order = await ctx.orders.getOrder(loaded.doc._id);
  if (order === undefined || order.status !== 'needs_attention') return undefined;
  const facts = {
    partnerOrg: await lookUpPartnerOrg(ctx, owner),
    trial: await lookUpTrial(ctx, order.trialOrgId),
  };
  const advanced = advanceOrderSetup(snapshot, { type: 'RESOLVE', facts });
  return advanced.kind === 'advanced' ? advanced.snapshot : undefined;
}

/**
 * An administrator's `resolve`: the setup goes back to the step that raised the attention, with
 * its answers, and its owner is told so and gets that step; the order is in progress again.
 */
export async function resolveSetup(
  ctx: ConversationContext,
  orderId: string,
  by: string,
): Promise<ResolveResult> {
  const doc = await ctx.setups.load(orderId);
  if (doc === undefined) return { kind: 'no_setup' };
  const loaded = restoreSetup(doc);
  const owner = loaded.snapshot.context.ownerEmail;
  const reopened = await reopenWaitingSetup(ctx, loaded, owner);
  if (reopened === undefined) return { kind: 'not_waiting' };
  const rev = loaded.rev + 1;
  const key = (name: string) => `setup:${orderId}:${rev}:${name}`;
  const { locale } = reopened.context;
  const effects: Effect[] = [
    sendTo(owner, ctx.views.notice('attentionResolved', locale, { orderId }), orderId, key('resolved')),
    sendTo(owner, ctx.views.step(reopened, rev), orderId, key('step')),
    // Resolved first, so that the progress after it finds the order in progress.
    { kind: 'orderResolved', orderId, by },
  ];
  const progress = progressEffect(reopened, by, rev);
  if (progress !== undefined) effects.push(progress);
  const saved = await commitTransition(ctx.effects, loaded, reopened, effects);
  if (saved === undefined) return { kind: 'busy' };
  const position = describePosition(reopened);
  return { kind: 'resolved', owner, step: position.kind === 'step' ? position.step : 'review' };
}
