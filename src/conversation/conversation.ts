import type { IncomingEvent } from '../webex/gateway.js';
import { handleCardSubmit } from './card-submit.js';
import { type ConversationContext, reply } from './conversation-deps.js';
import { createEffectApplier, type EffectApplierDeps } from './effect-applier.js';
import { reassignSetup } from './reassign.js';
import { type CommandHandler, handleText } from './text-commands.js';

export interface ConversationOptions
  extends Omit<ConversationContext, 'effects' | 'isAdmin'>,
    Pick<EffectApplierDeps, 'provisioningWebhookUrl'> {
  adminEmails: readonly string[];
  /** Administrators' commands, tried on text before the setup's own commands. */
  admin?: CommandHandler;
}

/**
 * The conversation: turns each incoming event into at most one saved transition plus its effects.
 * It is the error boundary of event handling: whatever fails, the person gets an answer.
 */
export function createConversation(options: ConversationOptions) {
  const admins = new Set(options.adminEmails.map((email) => email.toLowerCase()));
  const effects = createEffectApplier(options);
  const ctx: ConversationContext = {
    ...options,
    effects,
    isAdmin: (email) => admins.has(email.toLowerCase()),
  };

  return {
    context: ctx,
    async handleEvent(event: IncomingEvent): Promise<void> {
      try {
        if (event.kind === 'cardSubmit') await handleCardSubmit(ctx, event);
        else await handleText(ctx, event, options.admin);
      } catch (error) {
        ctx.logger.error({ error, kind: event.kind, person: event.personEmail }, 'event handling failed');
        await reply(ctx, event, 'error', ctx.views.notice('tryAgain', 'en')).catch(() => {});
      }
    },
    /** The provisioning contact changed: the setup, if any, moves to the new contact. */
    async handleContactChanged(change: {
      order: { orderId: string };
      previousEmail: string;
      newEmail: string;
      by: string;
    }) {
      // `busy`: a click of the previous contact was saved first; read the setup again and retry.
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const result = await reassignSetup(ctx, change.order.orderId, change.newEmail, change.by, {
          onlyIfOwner: change.previousEmail,
          invite: false,
        });
        if (result.kind !== 'busy') return;
      }
      ctx.logger.error({ orderId: change.order.orderId }, 'could not move the setup to the new contact');
    },
    /** The error answer, for event handlers outside this boundary (administrators' buttons). */
    replyTryAgain: (event: IncomingEvent) =>
      reply(ctx, event, 'error', ctx.views.notice('tryAgain', 'en')).catch(() => {}),
    reassign: (orderId: string, email: string, by: string) => reassignSetup(ctx, orderId, email, by),
  };
}

export type Conversation = ReturnType<typeof createConversation>;
