import { randomUUID } from 'node:crypto';
import { createAdminDirectory } from '../../src/admin/admin-access.js';
import { createAdminCommands } from '../../src/admin/admin-commands.js';
import { createAdminAlerts } from '../../src/admin/alerts.js';
import { createClaimHolder } from '../../src/admin/claim-commands.js';
import { createRemind } from '../../src/admin/remind.js';
import { createBotRoutes } from '../../src/bot/bot.routes.js';
import { createEventRouter } from '../../src/bot/event.router.js';
import { type ConversationOptions, createConversation } from '../../src/conversation/conversation.js';
import { createCardMessages } from '../../src/conversation/order-messages.js';
import { defaultCountriesPath, loadCountries } from '../../src/directory/countries.js';
import { createSilentLogger } from '../../src/log/logger.js';
import { createOrdersService } from '../../src/orders/orders.service.js';
import { createOutbox } from '../../src/outbox/outbox.js';
import { createOutboxSender } from '../../src/outbox/outbox-sender.js';
import { postSignedJson } from '../../src/outbox/webhook-sender.js';
import { createDirectoryRepository } from '../../src/storage/directory.repository.js';
import { createOrdersRepository } from '../../src/storage/orders.repository.js';
import { createOutboxRepository } from '../../src/storage/outbox.repository.js';
import { createSetupsRepository } from '../../src/storage/setups.repository.js';
import type { IncomingCardSubmit } from '../../src/webex/gateway.js';
import { createEmulatorGateway } from '../support/emulator-gateway.js';
import type { TestApp } from '../support/test-app.js';
import { startTestInstance } from '../support/test-instance.js';

/**
 * A second conversation over a running test app's database, as another bot instance would have,
 * behind the bot's own router: events given to `handleEvent` skip Webex (so a test can forge what
 * the emulator refuses), while what it queues goes out through its own outbox sender, as the bot,
 * and reaches people in the emulator.
 */
export async function createDirectConversation(app: TestApp, overrides: Partial<ConversationOptions> = {}) {
  const db = app.storage.db;
  const logger = createSilentLogger();
  const now = () => new Date();
  const owners = await startTestInstance(db, now);
  const outboxRepository = createOutboxRepository(db);
  const outbox = createOutbox({ repository: outboxRepository, owners, now });
  const bot = app.emulator?.bot;
  if (bot === undefined) throw new Error('the test app runs in local mode');
  const gateway = createEmulatorGateway(app.emulatorApi, bot);
  const sender = createOutboxSender({
    repository: outboxRepository,
    local: outbox.local,
    owners,
    gateway,
    postWebhook: (url, body) => postSignedJson(url, body, 'direct-conversation-secret'),
    logger,
  });
  sender.start();
  const countries = await loadCountries(defaultCountriesPath());
  const messages = createCardMessages({
    countries,
    gettingStartedUrl: 'https://help.example.com/wxcc-start',
  });
  const alerts = createAdminAlerts({ outbox, adminEmails: [], adminRoomId: undefined });
  const orders = createOrdersService({
    repository: createOrdersRepository(db),
    outbox,
    alerts,
    messages: messages.orders,
    owners,
    now,
    logger,
    defaults: { locale: 'en', timeZone: 'UTC' },
  });
  const setups = createSetupsRepository(db);
  const directory = createDirectoryRepository(db, { logger });
  const conversation = createConversation({
    setups,
    orders,
    directory,
    claimHolder: createClaimHolder({ claims: directory.claims, alerts, locale: 'en', now }),
    outbox,
    views: messages.views,
    countries,
    handoffSameDomain: true,
    provisioningWebhookUrl: undefined,
    owners,
    now,
    logger,
    ...overrides,
  });
  // No administrators here: this instance serves the setup's routes.
  const access = createAdminDirectory({
    adminEmails: [],
    adminRoomId: undefined,
    listRoomMemberEmails: async () => [],
    now,
    logger,
  });
  const admin = createAdminCommands({
    orders,
    setups,
    claims: directory.claims,
    outbox,
    access,
    adminRoomId: undefined,
    reassign: conversation.reassign,
    resolve: conversation.resolve,
    remind: createRemind({ orders, setups, outbox, views: messages.views, messages: messages.orders }),
    now,
    logger,
  });
  const router = createEventRouter({ logger, replyTryAgain: conversation.replyTryAgain });
  router.use(createBotRoutes({ admin, setup: conversation, access }));
  return {
    ...conversation,
    handleEvent: router.handle,
    /** Stops this instance as a process stops: what it still owns is taken over by the others. */
    async close(): Promise<void> {
      await sender.stop();
      await owners.stop();
    },
  };
}

/** A card submit as the Webex adapter would hand it over, from anyone, with any inputs. */
export function forgedSubmit(
  personEmail: string,
  messageId: string,
  inputs: Record<string, unknown>,
): IncomingCardSubmit {
  return {
    kind: 'cardSubmit',
    actionId: `forged-${randomUUID()}`,
    messageId,
    roomId: 'forged-room',
    personId: 'forged-person',
    personEmail,
    inputs,
  };
}
