import { advanceOrderSetup } from '../../flows/order-setup.runtime.js';
import { isSetupEnded } from '../../flows/order-setup.steps.js';
import { restoreSetup } from '../setups/setup-envelope.js';
import type { ReassignResult } from '../setups/setup-operations.js';
import type { ConversationContext } from './conversation-deps.js';
import { progressEffect } from './progress-effect.js';
import { reopenWaitingSetup } from './resolve-setup.js';
import type { Effect } from './setup-effects.js';
import { commitTransition } from './setup-session.js';
import { sendTo } from './transition-effects.js';

/**
 * Moves a setup to another person (an administrator's `reassign`, or a new provisioning contact).
 * The answers typed so far stay; the new owner gets the current step, the previous one is told who
 * has it now. A setup that waits for a person (needs attention) is resolved on the way: the new
 * owner gets the step that raised the attention. `invite: false` skips the note to the new owner
 * saying who asked (a new provisioning contact gets the order's own invitation instead).
 */
export async function reassignSetup(
  ctx: ConversationContext,
  orderId: string,
  email: string,
  by: string,
  options: { onlyIfOwner?: string; invite?: boolean } = {},
): Promise<ReassignResult> {
  const doc = await ctx.setups.load(orderId);
  if (doc === undefined) return { kind: 'no_setup' };
  const loaded = restoreSetup(doc);
  const from = loaded.snapshot.context.ownerEmail;
  const to = email.toLowerCase();
  if (options.onlyIfOwner !== undefined && options.onlyIfOwner.toLowerCase() !== from)
    return { kind: 'unchanged' };
  if (from === to) return { kind: 'unchanged' };
  const ended = isSetupEnded(loaded.snapshot);
  const current = ended ? await reopenWaitingSetup(ctx, loaded, to) : loaded.snapshot;
  if (current === undefined) return { kind: 'ended' };
  const advanced = advanceOrderSetup(current, { type: 'REASSIGN', email: to });
  if (advanced.kind === 'rejected') return { kind: 'ended' };
  const rev = loaded.rev + 1;
  const key = (name: string) => `setup:${orderId}:${rev}:${name}`;
  const { locale } = advanced.snapshot.context;
  // Not "you handed over": the previous owner did not; someone else moved the setup.
  const movedAway = ctx.views.notice('setupMovedAway', locale, { owner: to });
  const effects: Effect[] = [sendTo(from, movedAway, orderId, key('reassigned-from'))];
  if (options.invite ?? true)
    effects.push(sendTo(to, ctx.views.handOffInvite(advanced.snapshot, by), orderId, key('reassigned-to')));
  effects.push(sendTo(to, ctx.views.step(advanced.snapshot, rev), orderId, key('step')));
  if (ended) effects.push({ kind: 'orderResolved', orderId, by });
  effects.push({ kind: 'orderReassigned', orderId, email: to, by });
  const progress = progressEffect(advanced.snapshot, by, rev);
  if (progress !== undefined) effects.push(progress);
  const saved = await commitTransition(ctx.effects, loaded, advanced.snapshot, effects);
  if (saved === undefined) return { kind: 'busy' };
  return { kind: 'reassigned', from, to };
}
