import { type LoadedSetup, restoreSetup } from '../setups/setup-envelope.js';
import type { IncomingText } from '../webex/gateway.js';
import { currentStepCard, isClosedOrder } from './card-navigation.js';
import { type ConversationContext, reply } from './conversation-deps.js';

/**
 * The setups this person owns that still matter: the most recent active one whose order is still
 * open, else the most recent one waiting for the Cisco representative.
 */
async function findSetup(
  ctx: ConversationContext,
  email: string,
): Promise<{ active?: LoadedSetup; waiting?: LoadedSetup }> {
  const setups = await ctx.setups.listByOwner(email.toLowerCase());
  for (const doc of setups.filter((setup) => setup.status === 'active')) {
    const order = await ctx.orders.getOrder(doc._id);
    // A cancelled or expired order's setup stays stored, but there is nothing left to resume.
    if (order === undefined || !isClosedOrder(order)) return { active: restoreSetup(doc) };
  }
  const waiting = setups.find((setup) => setup.status === 'needs_attention');
  return waiting === undefined ? {} : { waiting: restoreSetup(waiting) };
}

/** `help`: the commands, in the language of the person's setup; administrators also see theirs. */
export async function replyHelp(ctx: ConversationContext, event: IncomingText, showAdminCommands: boolean) {
  const { active } = await findSetup(ctx, event.personEmail);
  const locale = active?.snapshot.context.locale ?? 'en';
  await reply(ctx, event, 'help', ctx.views.help(locale, showAdminCommands));
}

/** Text in a group space that no command took: a setup is only ever done 1:1. */
export async function replyNotUnderstoodInGroup(ctx: ConversationContext, event: IncomingText) {
  await reply(ctx, event, 'group', ctx.views.notice('notUnderstood', 'en'));
}

/**
 * Answers a text about the person's active setup with `answer`. Without one, a command (`command`)
 * is told there is no setup, or why the one there waits; other text is not understood.
 */
async function withActiveSetup(
  ctx: ConversationContext,
  event: IncomingText,
  command: boolean,
  answer: (active: LoadedSetup) => Promise<void>,
) {
  const { active, waiting } = await findSetup(ctx, event.personEmail);
  if (active !== undefined) return answer(active);
  if (command && waiting !== undefined) {
    // Not "no setup": it is there, and waits for the Cisco representative. Say why again.
    await reply(ctx, event, 'waiting', ctx.views.needsAttention(waiting.snapshot), waiting.doc._id);
    return;
  }
  await reply(ctx, event, 'no-setup', ctx.views.notice(command ? 'noSetup' : 'notUnderstood', 'en'));
}

/** Where the setup stands, with Continue and Start over. */
const promptResume = (ctx: ConversationContext, event: IncomingText) => (active: LoadedSetup) =>
  reply(ctx, event, 'prompt', ctx.views.resumePrompt(active.snapshot, active.rev), active.doc._id);

/** `resume`: the current step again. */
export function resumeSetup(ctx: ConversationContext, event: IncomingText) {
  return withActiveSetup(ctx, event, true, (active) =>
    reply(ctx, event, 'resume', currentStepCard(ctx, active), active.doc._id),
  );
}

/** `restart`: asks to confirm first, since starting over drops the answers. */
export function confirmRestart(ctx: ConversationContext, event: IncomingText) {
  return withActiveSetup(ctx, event, true, (active) =>
    reply(ctx, event, 'restart', ctx.views.restartConfirm(active.snapshot, active.rev), active.doc._id),
  );
}

/** `status` in the setup's own words: where it stands. */
export function showSetupStatus(ctx: ConversationContext, event: IncomingText) {
  return withActiveSetup(ctx, event, true, promptResume(ctx, event));
}

/** Anything else typed mid-setup offers Resume and Start over: nothing typed meets silence. */
export function answerOtherText(ctx: ConversationContext, event: IncomingText) {
  return withActiveSetup(ctx, event, false, promptResume(ctx, event));
}
