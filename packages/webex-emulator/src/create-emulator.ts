import express from 'express';
import { createAdminRouter } from './admin.js';
import { createApiRouter } from './api-router.js';
import { botOrgId, type EmulatorContext } from './context.js';
import { emailSchema, ensurePerson, newPersonRecord } from './directory.js';
import { createDiscoveryRouter } from './discovery.js';
import { createFaults, type FaultControls } from './faults.js';
import { orgIdFor, orgIdForEmail } from './ids.js';
import type { EmulatorLogger } from './logger.js';
import { createMemoryPersistence, type EmulatorPersistence } from './persistence.js';
import type { PersonRecord } from './records.js';
import { registerAttachmentActionRoutes } from './routes/attachment-actions.js';
import { registerMembershipRoutes } from './routes/memberships.js';
import { registerMessageReadRoutes } from './routes/message-reads.js';
import { registerMessageRoutes } from './routes/messages.js';
import { registerPeopleRoutes } from './routes/people.js';
import { registerRoomRoutes } from './routes/rooms.js';
import { registerWebhookRoutes } from './routes/webhooks.js';
import { EmulatorState } from './state.js';
import { createStats, type EmulatorStats } from './stats.js';
import { createWebhookDelivery } from './webhooks/delivery.js';
import { createDisablingTracker, type DisablingRule, WEBEX_DISABLING_RULE } from './webhooks/disabling.js';

export interface EmulatorOptions {
  /** Where state is kept across restarts; in memory by default. */
  persistence?: EmulatorPersistence;
  /** The bot's identity; defaults to `order-setup@webex.bot`, `Order Setup`. */
  bot?: { email?: string; displayName?: string };
  logger?: EmulatorLogger;
  /** Webhook delivery tries (default 3) and the first retry's delay (default 1 s, then doubled). */
  webhookRetry?: { attempts: number; baseDelayMs: number };
  /** POSTs in flight at once per webhook (default 8): Webex does not wait for one answer to send the next. */
  webhookConcurrency?: number;
  /** When a failing webhook is disabled; Webex's rule by default (100 failures within five minutes). */
  webhookDisabling?: Partial<DisablingRule>;
  /** Epoch milliseconds for the disabling rule's window (`Date.now` by default), so tests can move time. */
  clock?: () => number;
}

export interface EmulatorPerson {
  id: string;
  email: string;
  displayName: string;
  token: string;
  type: 'person' | 'bot';
  /** The organization the person belongs to; people look each other up by email only within one. */
  orgId: string;
}

export interface CreatePersonOptions {
  /** A Webex organization id or an organization's name; the bot's organization by default. */
  orgId?: string;
}

export interface Emulator {
  /** Express router serving `/v1/...` (Webex API) and `/_admin/...`; mount it anywhere. */
  readonly router: express.Router;
  readonly bot: EmulatorPerson;
  /**
   * Idempotent by email: the same person (and token) each time. The only way someone comes to
   * exist: the Webex API refuses to message an address nobody created, as Webex does.
   */
  createPerson(email: string, displayName?: string, options?: CreatePersonOptions): Promise<EmulatorPerson>;
  /** Rate limit, injected 5xx, added latency. */
  readonly faults: FaultControls;
  /** Request and webhook counters (as `GET /_admin/stats`). */
  stats(): EmulatorStats;
  /** Resolves when no webhook delivery is queued or running. */
  webhooksIdle(): Promise<void>;
  /** Stops webhook delivery (pending retries are dropped) and waits for stored writes. */
  close(): Promise<void>;
}

const DEFAULT_BOT = { email: 'order-setup@webex.bot', displayName: 'Order Setup' };
const DEFAULT_WEBHOOK_CONCURRENCY = 8;
const silentLogger: EmulatorLogger = { info() {}, warn() {}, error() {} };

function toEmulatorPerson(person: PersonRecord): EmulatorPerson {
  const { id, email, displayName, token, type, orgId } = person;
  return { id, email, displayName, token, type, orgId };
}

async function ensureBot(state: EmulatorState, wanted: { email: string; displayName: string }) {
  const email = emailSchema.parse(wanted.email);
  const existing = state.personByEmail(email);
  if (existing !== undefined) {
    if (existing.type !== 'bot')
      throw new Error(`The bot email ${email} belongs to a person in the stored state`);
    return existing;
  }
  const bot = newPersonRecord(email, wanted.displayName, 'bot', state.now(), orgIdForEmail(email));
  await state.commit({ upsert: { people: [bot] }, remove: {} });
  return bot;
}

/**
 * Creates the Webex REST API emulator: the bot (kept across restarts when persistence is given),
 * the API and admin routers, webhook delivery and fault controls.
 */
export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const logger = options.logger ?? silentLogger;
  const state = new EmulatorState(options.persistence ?? createMemoryPersistence());
  const snapshot = await (options.persistence ?? createMemoryPersistence()).load();
  if (snapshot !== undefined) {
    state.restore(snapshot);
    logger.info(
      {
        people: state.people.size,
        rooms: state.rooms.size,
        messages: state.messages.size,
        webhooks: state.webhooks.size,
      },
      'emulator state restored',
    );
  }
  const bot = await ensureBot(state, { ...DEFAULT_BOT, ...options.bot });
  const stats = createStats();
  const faults = createFaults();
  const disabling = createDisablingTracker(
    { ...WEBEX_DISABLING_RULE, ...options.webhookDisabling },
    options.clock ?? Date.now,
  );
  const delivery = createWebhookDelivery({
    attempts: options.webhookRetry?.attempts ?? 3,
    baseDelayMs: options.webhookRetry?.baseDelayMs ?? 1_000,
    timeoutMs: 10_000,
    concurrency: options.webhookConcurrency ?? DEFAULT_WEBHOOK_CONCURRENCY,
    onFailedAttempt(webhookId) {
      const webhook = state.webhooks.get(webhookId);
      if (webhook?.status !== 'active' || !disabling.failed(webhookId)) return;
      logger.warn({ webhookId }, 'webhook disabled after repeated failed deliveries');
      state
        .commit({ upsert: { webhooks: [{ ...webhook, status: 'inactive' }] }, remove: {} })
        .catch((error) => {
          logger.error({ err: error, webhookId }, 'could not store the disabled webhook');
        });
    },
    isLive: (webhookId) => state.webhooks.get(webhookId)?.status === 'active',
    stats,
    logger,
  });
  const ctx: EmulatorContext = { state, botId: bot.id, faults, stats, delivery, disabling, logger };

  const router = express.Router();
  router.use('/v1', createDiscoveryRouter());
  router.use(
    '/v1',
    createApiRouter(ctx, (routes) => {
      registerPeopleRoutes(ctx, routes);
      registerRoomRoutes(ctx, routes);
      registerMembershipRoutes(ctx, routes);
      registerMessageReadRoutes(ctx, routes);
      registerMessageRoutes(ctx, routes);
      registerAttachmentActionRoutes(ctx, routes);
      registerWebhookRoutes(ctx, routes);
    }),
  );
  router.use('/_admin', createAdminRouter(ctx));

  return {
    router,
    bot: toEmulatorPerson(bot),
    async createPerson(email, displayName, personOptions) {
      const parsed = emailSchema.safeParse(email);
      if (!parsed.success) throw new Error(`Not an email address: ${email}`);
      const orgId = personOptions?.orgId === undefined ? botOrgId(ctx) : orgIdFor(personOptions.orgId);
      return toEmulatorPerson(await ensurePerson(state, parsed.data, orgId, displayName));
    },
    faults: faults.controls,
    stats: () => stats.snapshot(),
    webhooksIdle: () => delivery.idle(),
    async close() {
      delivery.close();
      await state.settled();
    },
  };
}
