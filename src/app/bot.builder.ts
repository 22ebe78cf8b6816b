import { createAdminDirectory } from '../admin/admin-access.js';
import { createAdminCommands } from '../admin/admin-commands.js';
import { createClaimHolder } from '../admin/claim-commands.js';
import { createRemind } from '../admin/remind.js';
import { createBotRoutes } from '../bot/bot.routes.js';
import type { EventRoutes } from '../bot/event.router.js';
import type { Config } from '../config.js';
import { type Conversation, createConversation } from '../conversation/conversation.js';
import type { CountryCatalog } from '../directory/countries.js';
import type { Owners } from '../effects/instances.js';
import type { Logger } from '../log/logger.js';
import type { SubmitTiming } from '../metrics/submit-timing.js';
import type { Repositories } from '../storage/repositories.js';
import type { WebexGateway } from '../webex/gateway.js';
import type { OrdersParts } from './orders.builder.js';

export interface ConversationPartsOptions {
  config: Config;
  repositories: Repositories;
  parts: OrdersParts;
  countries: CountryCatalog;
  /** Times card submits: the setups store it observes, and the handler it wraps. */
  submitTiming: SubmitTiming;
  /** This instance, the owner of the work it commits (see `effects/instances.ts`). */
  owners: Owners;
  now: () => Date;
  logger: Logger;
}

/** The setup's handlers over the stored setups, the orders, the gateway and the outbox. */
export function buildConversation(
  options: ConversationPartsOptions & { gateway: Pick<WebexGateway, 'sendMessage' | 'listDirectMessages'> },
): Conversation {
  const { config, repositories, parts } = options;
  return createConversation({
    gateway: options.gateway,
    setups: options.submitTiming.observeCommits(repositories.setups),
    orders: parts.orders,
    directory: repositories.directory,
    outbox: parts.outbox,
    views: parts.messages.views,
    countries: options.countries,
    handoffSameDomain: config.handoffSameDomain,
    provisioningWebhookUrl: config.provisioningWebhook?.url,
    claimHolder: createClaimHolder({
      claims: repositories.directory.claims,
      alerts: parts.alerts,
      locale: 'en',
      now: options.now,
    }),
    owners: options.owners,
    now: options.now,
    logger: options.logger.child({ component: 'conversation' }),
  });
}

export interface BotRoutesOptions extends ConversationPartsOptions {
  conversation: Conversation;
  /** Lists the administrators' space (its members are administrators too). */
  gateway: Pick<WebexGateway, 'listRoomMemberEmails'>;
}

/**
 * The administrators' commands, with the one access check they share with `help`, and every
 * route of the bot over them and the setup's handlers.
 */
export function buildBotRoutes(options: BotRoutesOptions): EventRoutes {
  const { config, repositories, parts, conversation, now } = options;
  const logger = options.logger.child({ component: 'admin' });
  const access = createAdminDirectory({
    adminEmails: config.admins.emails,
    adminRoomId: config.admins.roomId,
    listRoomMemberEmails: (roomId) => options.gateway.listRoomMemberEmails(roomId),
    now,
    logger,
  });
  const admin = createAdminCommands({
    // A contact changed by an administrator moves the setup too.
    orders: { ...parts.orders, changeContact: conversation.changeContact },
    setups: repositories.setups,
    countries: options.countries,
    claims: repositories.directory.claims,
    outbox: parts.outbox,
    access,
    adminRoomId: config.admins.roomId,
    reassign: (orderId, email, by) => conversation.reassign(orderId, email, by),
    resolve: (orderId, by) => conversation.resolve(orderId, by),
    remind: createRemind({
      orders: parts.orders,
      setups: repositories.setups,
      outbox: parts.outbox,
      views: parts.messages.views,
      messages: parts.messages.orders,
    }),
    now,
    logger,
  });
  const setup = {
    ...conversation,
    handleSubmit: options.submitTiming.wrapHandler(conversation.handleSubmit),
  };
  return createBotRoutes({ admin, setup, access });
}
