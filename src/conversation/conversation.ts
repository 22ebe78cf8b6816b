import type { ContactChangeResult } from '../orders/orders.service.js';
import type { ReassignSetup, ResolveSetup } from '../setups/setup-operations.js';
import type { IncomingCardSubmit, IncomingEvent, IncomingText } from '../webex/gateway.js';
import { handleCardSubmit } from './card-submit.js';
import { type ConversationContext, reply } from './conversation-deps.js';
import { createEffectApplier, type EffectApplierDeps } from './effect-applier.js';
import { reassignSetup } from './reassign.js';
import { resolveSetup } from './resolve-setup.js';
import {
  answerOtherText,
  confirmRestart,
  replyHelp,
  replyNotUnderstoodInGroup,
  resumeSetup,
  showSetupStatus,
} from './text-commands.js';

export type ConversationOptions = Omit<ConversationContext, 'effects'> &
  Pick<EffectApplierDeps, 'provisioningWebhookUrl' | 'gateway' | 'claimHolder' | 'owners'>;

/**
 * The setup's handlers: each turns one incoming event into at most one saved transition plus its
 * effects. Which handler gets an event is the bot router's choice; failures go to its boundary.
 */
export function createConversation(options: ConversationOptions) {
  const effects = createEffectApplier(options);
  const ctx: ConversationContext = { ...options, effects };
  const reassign: ReassignSetup = (orderId, email, by, reassignOptions) =>
    reassignSetup(ctx, orderId, email, by, reassignOptions);

  /** The setup, if any, moves from the previous contact to the new one. */
  async function followContact(orderId: string, previousEmail: string, newEmail: string, by: string) {
    // `busy`: a click of the previous contact was saved first; read the setup again and retry.
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const result = await reassign(orderId, newEmail, by, { onlyIfOwner: previousEmail, invite: false });
      if (result.kind !== 'busy') return;
    }
    ctx.logger.error({ orderId }, 'could not move the setup to the new contact');
  }

  return {
    context: ctx,
    handleSubmit: (event: IncomingCardSubmit) => handleCardSubmit(ctx, event),
    replyHelp: (event: IncomingText, showAdminCommands: boolean) => replyHelp(ctx, event, showAdminCommands),
    replyNotUnderstoodInGroup: (event: IncomingText) => replyNotUnderstoodInGroup(ctx, event),
    resume: (event: IncomingText) => resumeSetup(ctx, event),
    confirmRestart: (event: IncomingText) => confirmRestart(ctx, event),
    showStatus: (event: IncomingText) => showSetupStatus(ctx, event),
    answerOtherText: (event: IncomingText) => answerOtherText(ctx, event),
    /** The answer when handling an event failed: try again (never throws). */
    replyTryAgain: (event: IncomingEvent) =>
      reply(ctx, event, 'error', ctx.views.notice('tryAgain', 'en')).catch(() => {}),
    /**
     * Changes an order's provisioning contact (the orders API and the administrators' command), and
     * moves the setup, if any, to the new contact.
     */
    async changeContact(orderId: string, newEmail: string, by: string): Promise<ContactChangeResult> {
      const result = await ctx.orders.changeContact(orderId, newEmail, by);
      if (result.kind === 'changed')
        await followContact(orderId, result.previousEmail, result.order.provisioningContactEmail, by);
      return result;
    },
    reassign,
    /** An administrator's `resolve`: the setup back at the step concerned, its owner told. */
    resolve: ((orderId, by) => resolveSetup(ctx, orderId, by)) satisfies ResolveSetup,
  };
}

export type Conversation = ReturnType<typeof createConversation>;
