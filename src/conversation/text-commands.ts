import type { IncomingText } from '../webex/gateway.js';
import { type ConversationContext, reply } from './conversation-deps.js';
import { restoreSetup } from './setup-session.js';

/** Handles the administrators' commands; answers whether the text was one of them. */
export interface CommandHandler {
  handle(event: IncomingText): Promise<boolean>;
}

const RESUME = /^(resume|continue|nastavi)$/i;
const RESTART = /^(restart|start over|ispo[cč]etka|kreni ispo[cč]etka)$/i;
const HELP = /^(help|\?|pomo[cć])$/i;

/** The active setup this person owns, most recent first, if any. */
async function findActiveSetup(ctx: ConversationContext, email: string) {
  const setups = await ctx.setups.listByOwner(email);
  const active = setups.find((doc) => doc.status === 'active');
  return active === undefined ? undefined : restoreSetup(active);
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
    const setup = await findActiveSetup(ctx, person);
    const locale = setup?.snapshot.context.locale ?? 'en';
    await reply(ctx, event, 'help', ctx.views.help(locale, ctx.isAdmin(person)));
    return;
  }
  if (admin !== undefined && (await admin.handle(event))) return;
  if (event.roomType === 'group') {
    await reply(ctx, event, 'group', ctx.views.notice('notUnderstood', 'en'));
    return;
  }
  const setup = await findActiveSetup(ctx, person);
  if (setup === undefined) {
    const kind = RESUME.test(text) || RESTART.test(text) ? 'noSetup' : 'notUnderstood';
    await reply(ctx, event, 'no-setup', ctx.views.notice(kind, 'en'));
    return;
  }
  const orderId = setup.doc._id;
  if (RESUME.test(text)) {
    await reply(ctx, event, 'resume', ctx.views.step(setup.snapshot, setup.rev), orderId);
  } else if (RESTART.test(text)) {
    await reply(ctx, event, 'restart', ctx.views.restartConfirm(setup.snapshot, setup.rev), orderId);
  } else {
    await reply(ctx, event, 'prompt', ctx.views.resumePrompt(setup.snapshot, setup.rev), orderId);
  }
}
