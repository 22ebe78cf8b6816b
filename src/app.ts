import { hostname } from 'node:os';
import {
  createEmulator,
  createEmulatorStateRepository,
  type Emulator,
} from '@wxcc-order-setup/webex-emulator';
import { buildBotRoutes, buildConversation } from './app/bot.builder.js';
import { buildHttpApp } from './app/http.builder.js';
import { createLifecycle } from './app/lifecycle.js';
import { createLocalClock } from './app/local-clock.js';
import { buildMonitoring } from './app/metrics.builder.js';
import { createMissedCatchUp } from './app/missed-catch-up.js';
import { buildOrdersParts } from './app/orders.builder.js';
import { buildWebexClient, buildWebexRuntime } from './app/webex.builder.js';
import { startWorkers } from './app/workers.builder.js';
import { createEventRouter } from './bot/event.router.js';
import type { Config } from './config.js';
import { defaultCountriesPath, loadCountries, regionOfCountry } from './directory/countries.js';
import { seedDemoDirectory } from './directory/demo-directory.seed.js';
import { createEffectRunner } from './effects/effect-runner.js';
import { createInstance } from './effects/instances.js';
import { bindPort } from './http/bound-port.js';
import type { Logger } from './log/logger.js';
import { countingDatabaseErrors } from './metrics/database-errors.js';
import { resolveOrdersApiToken } from './orders-api-token.js';
import { connectStorage, isDatabaseUnavailable, type Storage } from './storage/connect.js';
import { openRepositories } from './storage/repositories.js';
import { createMissedMessages } from './webex/missed-messages.js';
import { createInbox } from './webex/webhook-inbox.js';
import { createWebhookMount } from './webex/webhook-mount.js';

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

/** The in-process Webex emulator of local mode, keeping its state in a database of its own. */
function startEmulator(config: Config, storage: Storage, logger: Logger): Promise<Emulator> {
  return createEmulator({
    persistence: createEmulatorStateRepository(storage.database(`${config.mongo.dbName}_webex_emulator`)),
    logger: logger.child({ component: 'emulator' }),
  });
}

/**
 * The composition root: builds every part from the config, wires them, and starts them in order
 * (database, HTTP, Webex, workers). `stop()` undoes it in reverse: intake first, the database last.
 */
export async function startApp(options: AppOptions): Promise<RunningApp> {
  const { config, logger } = options;
  // Local mode's clock can be moved forward (the page, POST /local/clock); Webex mode's cannot.
  const clock = config.mode === 'local' ? createLocalClock(options.now) : undefined;
  const now = clock?.now ?? options.now ?? (() => new Date());
  const inMemory = config.dataDir === ':memory:';

  const countries = await loadCountries(config.countriesFile ?? defaultCountriesPath());
  const storage = await connectStorage({
    uri: config.mongo.uri,
    dbName: config.mongo.dbName,
    dataDir: inMemory ? undefined : config.dataDir,
    logger,
  });
  const lifecycle = createLifecycle(logger);
  lifecycle.onStop(() => storage.close());

  try {
    const repositories = await openRepositories(storage.db, logger);
    const regionOf = (code: string) => regionOfCountry(countries, code)?.code;
    if (config.seedDemoDirectory) {
      const report = await seedDemoDirectory(repositories.directory, { now: now(), regionOf });
      logger.info(
        { created: report.created.length, existing: report.existing.length },
        'demo directory ready',
      );
    }

    const emulator = config.mode === 'local' ? await startEmulator(config, storage, logger) : undefined;
    if (emulator !== undefined) lifecycle.onStop(() => emulator.close());
    // The port before the parts: they need this instance's URL (its webhook target, and in local
    // mode the emulator's), known only once bound. It answers 503 until its routes are served.
    const port = await bindPort(config.http.port, config.http.host);
    lifecycle.onStop(() => port.close());
    const ordersApiToken = await resolveOrdersApiToken(config, inMemory, logger);
    const monitoring = buildMonitoring({ config, storage, repositories, ordersApiToken, now });
    const { metrics } = monitoring;
    // This process as the owner of the work it commits: named after its place, so that a restart
    // there takes its predecessor's work over at once (see `effects/instances.ts`).
    const instance = createInstance({
      store: repositories.instances,
      slot: `${hostname()}:${port.port}`,
      now,
      logger,
    });
    await instance.start();
    lifecycle.onStop(() => instance.stop());
    const owners = instance;

    const parts = buildOrdersParts({ config, repositories, countries, metrics, owners, now, logger });
    // The REST side first: the setup's answers are sent through its gateway by the process that
    // saved them, and the runtime that receives webhooks is built last, on the same client.
    const webex = buildWebexClient({ config, serverUrl: port.url, emulator, metrics, logger });
    const { gateway } = webex;
    const partsOfBot = {
      config,
      repositories,
      parts,
      countries,
      submitTiming: monitoring.submitTiming,
      owners,
      now,
      logger,
    };
    const conversation = buildConversation({ ...partsOfBot, gateway });
    // A contact changed through the API moves the setup too (the administrators' command does the same).
    const orders = { ...parts.orders, changeContact: conversation.changeContact };
    const router = createEventRouter({
      logger,
      replyTryAgain: conversation.replyTryAgain,
      isUnavailable: countingDatabaseErrors(isDatabaseUnavailable, metrics),
      routes: buildBotRoutes({ ...partsOfBot, conversation, gateway }),
    });
    const notice = (kind: 'answerShortly' | 'clickAgain') => parts.messages.views.notice(kind, 'en');
    const { runtime, watch, inbox } = buildWebexRuntime({
      config,
      serverUrl: port.url,
      client: webex.client,
      accessToken: webex.accessToken,
      onEvent: (event) => router.handle(event),
      // Webhooks are stored in the inbox before they are answered, and processed as its work.
      inbox: {
        open: (process) =>
          createInbox({
            store: repositories.inbox.store,
            attempts: repositories.inbox.attempts,
            process,
            owners,
            now,
            logger,
          }),
        notices: { answerShortly: notice('answerShortly'), clickAgain: notice('clickAgain') },
        hold: config.webhookHold,
        now,
      },
      watch: {
        leases: repositories.leases,
        alerts: parts.alerts,
        metrics,
        // What a person sent while a webhook was inactive, read back once the watch mended it.
        catchUpInto: (inbox) =>
          createMissedCatchUp({
            setups: repositories.setups,
            messages: createMissedMessages({ gateway, inbox, now, logger }),
            conversation: conversation.context,
            now,
            logger,
          }),
        now,
      },
      logger,
    });
    metrics.trackEntries(runtime.tracked);

    port.serve(
      buildHttpApp({
        config,
        storage,
        orders,
        setups: repositories.setups,
        directory: repositories.directory,
        countries,
        regionOf,
        ordersApiToken,
        webhooks: createWebhookMount(runtime, watch),
        emulator,
        monitoring,
        ...(clock === undefined ? {} : { localClock: { clock, onMoved: () => parts.scheduler.runOnce() } }),
        now,
        logger,
      }),
    );

    // Webex may have disabled the webhooks while no instance ran; the start replaces them.
    await watch
      .inspectBeforeStart()
      .catch((error: unknown) => logger.warn({ err: error }, 'could not look at the webhooks before start'));
    await runtime.start();
    lifecycle.onStop(() => runtime.stop());
    // Webex disables a webhook that keeps failing and never enables it again: mend it while running.
    watch.start();
    lifecycle.onStop(() => watch.stop());
    const sender = startWorkers({
      config,
      repositories,
      gateway,
      scheduler: parts.scheduler,
      outbox: parts.outbox,
      owners,
      lifecycle,
      now,
      logger,
    });
    // What a crash left pending runs now; effects whose run failed (a database or Webex outage)
    // are retried by the runner's periodic pass without waiting for a click.
    const effectRunner = createEffectRunner({
      sources: [conversation.context.effects, parts.orderEffects, inbox, sender],
      now,
      logger,
    });
    await effectRunner.start();
    lifecycle.onStop(() => effectRunner.stop());

    logger.info(
      {
        url: port.url,
        mode: config.mode,
        webexApi: webex.client.apiUrl,
        bot: gateway.botEmail,
      },
      'order setup bot started',
    );
    return {
      url: port.url,
      port: port.port,
      emulator,
      ordersApiToken,
      storage,
      runSchedulerOnce: async () => {
        await parts.scheduler.runOnce();
      },
      stop: () => lifecycle.stopAll(),
    };
  } catch (error) {
    await lifecycle.stopAll();
    throw error;
  }
}
