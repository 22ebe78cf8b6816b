import { randomUUID } from 'node:crypto';
import express from 'express';
import { isAdminActionInputs } from '../cards/admin/admin-action.schema.js';
import { type AdminCommands, createAdminCommands } from './admin/admin-commands.js';
import { createAdminAlerts } from './admin/alerts.js';
import { createRemind } from './admin/remind.js';
import type { Config } from './config.js';
import { createConversation } from './conversation/conversation.js';
import { createCardMessages } from './conversation/order-messages.js';
import { defaultCountriesPath, findCountry, loadCountries, regionOfCountry } from './directory/countries.js';
import { seedDemoDirectory } from './directory/demo-directory.seed.js';
import { createEffectRunner } from './effects/effect-runner.js';
import { createEmulator, type Emulator } from './emulator/index.js';
import { createDirectoryRouter } from './http/directory.routes.js';
import { createOrdersRouter } from './http/orders.routes.js';
import { createHttpApp, listen } from './http/server.js';
import type { Logger } from './log/logger.js';
import { createOrderEffects } from './orders/order-effects.js';
import { createOrdersService } from './orders/orders.service.js';
import { createOrderScheduler } from './orders/scheduler.js';
import { resolveOrdersApiToken } from './orders-api-token.js';
import { createOutbox } from './outbox/outbox.js';
import { createOutboxWorker, type OutboxWorker } from './outbox/outbox-worker.js';
import { postSignedJson } from './outbox/webhook-sender.js';
import { connectStorage, type Storage } from './storage/connect.js';
import { createEmulatorStateRepository } from './storage/emulator-state.repository.js';
import { openRepositories } from './storage/repositories.js';
import { createWebexRuntime } from './webex/webex.runtime.js';

export interface AppOptions {
  config: Config;
  logger: Logger;
  /** The clock every part reads; tests move it. */
  now?: () => Date;
}

export interface RunningApp {
  readonly url: string;
  readonly port: number;
  /** The in-process Webex emulator (local mode only). */
  readonly emulator: Emulator | undefined;
  readonly ordersApiToken: string;
  readonly storage: Storage;
  /** Runs one scheduler round now (tests, and the admin `remind` path). */
  runSchedulerOnce(): Promise<void>;
  stop(): Promise<void>;
}

/** Where the local emulator keeps its state: a database of its own next to the bot's. */
const emulatorDbName = (dbName: string) => `${dbName}_webex_emulator`;

/**
 * The composition root: builds every part from the config, wires them, and starts them in order
 * (database, HTTP, Webex, workers). `stop()` undoes it in reverse: intake first, the database last.
 */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config, logger } = options;
  const now = options.now ?? (() => new Date());
  const inMemory = config.dataDir === ':memory:';

  const countries = await loadCountries(config.countriesFile ?? defaultCountriesPath());
  const storage = await connectStorage({
    uri: config.mongo.uri,
    dbName: config.mongo.dbName,
    dataDir: inMemory ? undefined : config.dataDir,
    logger,
  });
  const stoppers: Array<() => Promise<void>> = [() => storage.close()];
  const stopAll = async () => {
    for (const stop of stoppers.splice(0).reverse())
      await stop().catch((error) => logger.error({ error }, 'stop failed'));
  };

  try {
    const repositories = await openRepositories(storage.db, logger);
    const {
      outbox: outboxRepository,
      orders: ordersRepository,
      setups: setupsRepository,
      directory,
    } = repositories;
    const regionOf = (code: string) => regionOfCountry(countries, code)?.code;
    if (config.seedDemoDirectory) {
      const report = await seedDemoDirectory(directory, { now: now(), regionOf });
      logger.info(
        { created: report.created.length, existing: report.existing.length },
        'demo directory ready',
      );
    }

    let emulator: Emulator | undefined;
    if (config.mode === 'local') {
      emulator = await createEmulator({
        persistence: createEmulatorStateRepository(storage.database(emulatorDbName(config.mongo.dbName))),
        logger: logger.child({ component: 'emulator' }),
      });
      const running = emulator;
      stoppers.push(() => running.close());
    }
    const ordersApiToken = await resolveOrdersApiToken(config, inMemory, logger);

    // The webhook route must exist before Webex can call it, but the runtime needs the bound port
    // to know its own URL: the route is mounted now and delegates once the runtime exists.
    const webhookMount = express.Router();
    let webhookHandler: express.Router | undefined;
    webhookMount.use((req, res, next) => {
      if (webhookHandler === undefined) res.status(503).json({ error: 'Starting; try again shortly.' });
      else webhookHandler(req, res, next);
    });

    // Declared before anything can queue a message: the API is served before the worker starts.
    let worker: OutboxWorker | undefined;
    const outbox = createOutbox({ repository: outboxRepository, now, onEnqueued: () => worker?.kick() });
    const alerts = createAdminAlerts({
      outbox,
      adminEmails: config.admins.emails,
      adminRoomId: config.admins.roomId,
    });
    const messages = createCardMessages({ countries });
    const transitionDeps = {
      repository: ordersRepository,
      outbox,
      alerts,
      messages: messages.orders,
      now,
      logger: logger.child({ component: 'orders' }),
    };
    let conversation: ReturnType<typeof createConversation> | undefined;
    let admin: AdminCommands | undefined;
    const orders = createOrdersService({
      ...transitionDeps,
      defaults: { locale: config.defaultLocale, timeZone: config.defaultTimeZone },
      onContactChanged: async (change) => conversation?.handleContactChanged(change),
    });
    const scheduler = createOrderScheduler({
      ...transitionDeps,
      intervalMs: config.scheduler.intervalMs,
      reminderAfterInviteDays: config.scheduler.reminderAfterInviteDays,
      reminderBeforeDeadlineDays: config.scheduler.reminderBeforeDeadlineDays,
    });

    const apiRouter = express.Router();
    apiRouter.use('/orders', createOrdersRouter({ service: orders, apiToken: ordersApiToken, logger }));
    apiRouter.use(
      createDirectoryRouter({
        directory,
        apiToken: ordersApiToken,
        isKnownCountry: (code) => findCountry(countries, code) !== undefined,
        regionOf,
        logger,
        clock: now,
        timeZone: config.defaultTimeZone,
      }),
    );
    const mounts = [
      { path: '/webhooks/webex', router: webhookMount },
      { path: '/api', router: apiRouter },
      ...(emulator === undefined ? [] : [{ path: '/emulator', router: emulator.router }]),
    ];
    let runtimeReady = () => false;
    const app = createHttpApp({
      logger,
      mounts,
      readiness: [
        { name: 'database', check: () => storage.ping() },
        { name: 'webhooks', check: async () => runtimeReady() },
      ],
    });
    const server = await listen(app, config.http.port, config.http.host);
    stoppers.push(() => server.close());

    const apiUrl = emulator === undefined ? config.webex.apiUrl : `${server.url}/emulator/v1`;
    const publicUrl = config.webex.publicUrl ?? server.url;
    const accessToken = emulator?.bot.token ?? config.webex.accessToken;
    if (accessToken === undefined) throw new Error('No Webex access token (set WEBEX_ACCESS_TOKEN).');
    const runtime = createWebexRuntime({
      accessToken,
      ...(apiUrl === undefined ? {} : { apiUrl }),
      webhookUrl: `${publicUrl}/webhooks/webex`,
      // In local mode the emulator signs with a per-start secret; nobody else can reach it anyway.
      webhookSecret: config.webex.webhookSecret ?? randomUUID(),
      sdkLogLevel: config.webex.sdkLogLevel,
      // The local emulator serves this one instance: leave no webhook to a port that may change.
      deleteWebhooksOnStop: config.mode === 'local',
      logger: logger.child({ component: 'webex' }),
      onEvent: async (event) => {
        // Buttons of administrators' cards carry an `admin` key; everything else is the setup's.
        if (event.kind === 'cardSubmit' && admin !== undefined && isAdminActionInputs(event.inputs)) {
          await admin.handleAdminSubmit(event).catch(async (error: unknown) => {
            logger.error({ error }, 'administrator card click failed');
            await conversation?.replyTryAgain(event);
          });
          return;
        }
        await conversation?.handleEvent(event);
      },
    });
    webhookHandler = runtime.webhookRouter;
    runtimeReady = () => runtime.isReady();

    const outboxWorker = createOutboxWorker({
      repository: outboxRepository,
      gateway: runtime.gateway,
      postWebhook: (url, body) => postSignedJson(url, body, config.provisioningWebhook?.secret ?? '', 10_000),
      logger,
      now,
      maxAttempts: config.scheduler.inviteMaxAttempts,
      onDelivered: (outcome) => scheduler.handleDelivered(outcome),
      onFailed: (item, error) => scheduler.handleFailed(item, error),
    });
    conversation = createConversation({
      setups: setupsRepository,
      orders,
      directory,
      outbox,
      views: messages.views,
      countries,
      // Late-bound: the administrators' commands need the conversation's `reassign` in turn.
      admin: {
        handle: async (event) => (admin === undefined ? false : admin.handle(event)),
        isAdmin: async (email, roomId) => (admin === undefined ? false : admin.isAdmin(email, roomId)),
      },
      adminEmails: config.admins.emails,
      handoffSameDomain: config.handoffSameDomain,
      provisioningWebhookUrl: config.provisioningWebhook?.url,
      now,
      logger: logger.child({ component: 'conversation' }),
    });
    const activeConversation = conversation;
    admin = createAdminCommands({
      orders,
      setups: setupsRepository,
      outbox,
      adminEmails: config.admins.emails,
      adminRoomId: config.admins.roomId,
      listRoomMemberEmails: (roomId) => runtime.gateway.listRoomMemberEmails(roomId),
      reassign: (orderId, email, by) => activeConversation.reassign(orderId, email, by),
      remind: createRemind({
        orders,
        setups: setupsRepository,
        outbox,
        views: messages.views,
        messages: messages.orders,
      }),
      now,
      logger: logger.child({ component: 'admin' }),
    });

    await runtime.start();
    stoppers.push(() => runtime.stop());
    worker = outboxWorker;
    outboxWorker.start();
    stoppers.push(() => outboxWorker.stop());
    scheduler.start();
    stoppers.push(() => scheduler.stop());
    // What a crash left pending runs now; effects whose run failed (a database or Webex outage)
    // are retried by the runner's periodic pass without waiting for a click.
    const effectRunner = createEffectRunner({
      sources: [activeConversation.context.effects, createOrderEffects(transitionDeps)],
      now,
      logger,
    });
    await effectRunner.start();
    stoppers.push(() => effectRunner.stop());

    logger.info(
      {
        url: server.url,
        mode: config.mode,
        webexApi: apiUrl ?? 'https://webexapis.com/v1',
        bot: runtime.gateway.botEmail,
      },
      'order setup bot started',
    );
    return {
      url: server.url,
      port: server.port,
      emulator,
      ordersApiToken,
      storage,
      runSchedulerOnce: async () => {
        await scheduler.runOnce();
      },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
