import type { IncomingText } from '../webex/gateway.js';
import { isClosedOrder } from './card-navigation.js';
import { type ConversationContext, reply } from './conversation-deps.js';
import { type LoadedSetup, restoreSetup } from './setup-session.js';

/** Handles the administrators' commands; answers whether the text was one of them. */
export interface CommandHandler {
  handle(event: IncomingText): Promise<boolean>;
  /** Whether a person is an administrator, including members of the administrators' space. */
  isAdmin?(email: string, roomId?: string): Promise<boolean>;
}

const RESUME = /^(resume|continue|nastavi)$/i;
const RESTART = /^(restart|start over|ispo[cč]etka|kreni ispo[cč]etka)$/i;
const STATUS = /^(status|stanje)$/i;
const HELP = /^(help|\?|pomo[cć])$/i;

/**
 * The setups this person owns that still matter: the most recent active one whose order is still
 * open, else the most recent one waiting for the Cisco representative.
 */
async function findSetup(
  ctx: ConversationContext,
  email: string,
): Promise<{ active?: LoadedSetup; waiting?: LoadedSetup }> {
  const setups = await ctx.setups.listByOwner(email);
  for (const doc of setups.filter((setup) => setup.status === 'active')) {
    const order = await ctx.orders.getOrder(doc._id);
    // A cancelled or expired order's setup stays stored, but there is nothing left to resume.
    if (order === undefined || !isClosedOrder(order)) return { active: restoreSetup(doc) };
  }
  const waiting = setups.find((setup) => setup.status === 'needs_attention');
  return waiting === undefined ? {} : { waiting: restoreSetup(waiting) };
}

/**
 * Anything typed to the bot. Mid-setup, any text offers Resume and Start over; `resume` re-sends
 * the current step; `restart` asks to confirm first. Nothing typed is ever met with silence.
 */
export async function handleText(
  ctx: ConversationContext,
  event: IncomingText,
  admin: CommandHandler | undefined,
) {
  const text = event.text.trim().replace(/\s+/g, ' ');
  const person = event.personEmail.toLowerCase();
  if (HELP.test(text) || text === '') {
    const { active } = await findSetup(ctx, person);
    const locale = active?.snapshot.context.locale ?? 'en';
    // Members of the administrators' space are administrators too: the handler knows them.
    const isAdmin = ctx.isAdmin(person) || ((await admin?.isAdmin?.(person, event.roomId)) ?? false);
    await reply(ctx, event, 'help', ctx.views.help(locale, isAdmin));
    return;
  }
  if (admin !== undefined && (await admin.handle(event))) return;
  if (event.roomType === 'group') {
    await reply(ctx, event, 'group', ctx.views.notice('notUnderstood', 'en'));
    return;
  }
  const command = RESUME.test(text) || RESTART.test(text) || STATUS.test(text);
  const { active, waiting } = await findSetup(ctx, person);
  if (active === undefined) {
    if (command && waiting !== undefined) {
      // Not "no setup": it is there, and waits for the Cisco representative. Say why again.
      await reply(ctx, event, 'waiting', ctx.views.needsAttention(waiting.snapshot), waiting.doc._id);
      return;
    }
    await reply(ctx, event, 'no-setup', ctx.views.notice(command ? 'noSetup' : 'notUnderstood', 'en'));
    return;
  }
  const orderId = active.doc._id;
  if (RESUME.test(text)) {
    await reply(ctx, event, 'resume', ctx.views.step(active.snapshot, active.rev), orderId);
  } else if (RESTART.test(text)) {
    await reply(ctx, event, 'restart', ctx.views.restartConfirm(active.snapshot, active.rev), orderId);
  } else {
    // `status` and anything else: where the setup stands, with Continue and Start over.
    await reply(ctx, event, 'prompt', ctx.views.resumePrompt(active.snapshot, active.rev), orderId);
  }
}
