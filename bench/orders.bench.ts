import { randomUUID } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { type EmulatorPersistence, startEmulatorServer } from '@wxcc-order-setup/webex-emulator';
import { createAdminAlerts } from '../src/admin/alerts.js';
import { createInstance } from '../src/effects/instances.js';
import { createSilentLogger } from '../src/log/logger.js';
import { newOrderSchema } from '../src/orders/order-input.schema.js';
import { createOrdersService } from '../src/orders/orders.service.js';
import { createOrderScheduler } from '../src/orders/scheduler.js';
import { addDays, localDateOf } from '../src/orders/start-date.js';
import { createOutbox } from '../src/outbox/outbox.js';
import { createOutboxSender } from '../src/outbox/outbox-sender.js';
import { connectStorage } from '../src/storage/connect.js';
import { createInstancesRepository } from '../src/storage/instances.repository.js';
import { createOrdersRepository } from '../src/storage/orders.repository.js';
import { createOutboxRepository } from '../src/storage/outbox.repository.js';
import { createRestGateway } from '../src/webex/rest.gateway.js';
import { DEFAULT_RETRY_OPTIONS } from '../src/webex/retry.policy.js';
import { createWebexHttpClient } from '../src/webex/webex-http.client.js';
import { defaultOrderMessages } from '../test/support/default-order-messages.js';

/**
 * Invitations at volume: N orders fall due at once; the scheduler queues their invitations and the
 * outbox worker sends them through the real REST gateway to the Webex emulator on 127.0.0.1.
 * Built from the pieces (scheduler, outbox worker, gateway) so the figures are the order path's
 * own. Messages are counted where the emulator stores them: exactly one per order, none lost.
 */

export interface InvitePhaseResult {
  orders: number;
  createMs: number;
  /** The scheduler round that queued every invitation (sending starts meanwhile). */
  queueMs: number;
  /** From the start date beginning to the last invitation stored by the emulator. */
  inviteMs: number;
  perSecond: number;
  /** CPU of the whole process (scheduler, worker, emulator, database) per invitation: less noisy on a busy machine. */
  cpuMsPerInvitation: number;
  messagesStored: number;
  duplicates: number;
  missing: number;
  rateLimitedAnswers: number;
  allowedPerSecond?: number;
  /** Achieved rate as a share of the allowed one. */
  ofAllowed?: number;
}

export interface OrdersBenchResult {
  unlimited: InvitePhaseResult;
  rateLimited: InvitePhaseResult;
}

export interface OrdersBenchOptions {
  orders?: number;
  limitedOrders?: number;
  allowedPerSecond?: number;
  log?: (line: string) => void;
}

const DAY_MS = 86_400_000;

/** Keeps what the emulator stores: each invitation's order id, from the message text. */
function createMessageRecorder() {
  const perOrder = new Map<string, number>();
  const persistence: EmulatorPersistence = {
    load: async () => undefined,
    save: async (change) => {
      for (const message of change.upsert.messages ?? []) {
        const orderId = /order (BENCH-[A-Z]+-\d+)/.exec(message.text ?? '')?.[1];
        if (orderId !== undefined) perOrder.set(orderId, (perOrder.get(orderId) ?? 0) + 1);
      }
    },
  };
  return { persistence, perOrder };
}

async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function runOrdersBench(options: OrdersBenchOptions = {}): Promise<OrdersBenchResult> {
  const log = options.log ?? (() => {});
  const logger = createSilentLogger();
  const recorder = createMessageRecorder();
  const emulator = await startEmulatorServer({ persistence: recorder.persistence });
  const storage = await connectStorage({
    uri: process.env.MONGODB_URI,
    dbName: `bench_orders_${randomUUID().slice(0, 8)}`,
    dataDir: undefined,
    logger,
  });
  // Real time, shifted: the bench jumps a day ahead to make orders due; backoffs still run in real time.
  let offsetMs = 0;
  const now = () => new Date(Date.now() + offsetMs);
  const ordersRepository = createOrdersRepository(storage.db);
  const outboxRepository = createOutboxRepository(storage.db);
  await Promise.all([ordersRepository.ensureIndexes(), outboxRepository.ensureIndexes()]);
  const bot = emulator.emulator.bot;
  const http = createWebexHttpClient({
    apiUrl: emulator.apiUrl,
    accessToken: bot.token,
    retry: DEFAULT_RETRY_OPTIONS,
    requestTimeoutMs: 10_000,
    logger,
  });
  const gateway = createRestGateway({
    http,
    identity: () => ({ id: bot.id, email: bot.email, displayName: bot.displayName }),
    logger,
  });
  const owners = createInstance({ store: createInstancesRepository(storage.db), now, logger });
  await owners.start();
  const outbox = createOutbox({ repository: outboxRepository, owners, now });
  const deps = {
    repository: ordersRepository,
    outbox,
    owners,
    alerts: createAdminAlerts({ outbox, adminEmails: [], adminRoomId: undefined }),
    messages: defaultOrderMessages,
    now,
    logger,
  };
  const service = createOrdersService({ ...deps, defaults: { locale: 'en', timeZone: 'UTC' } });
  const scheduler = createOrderScheduler({
    ...deps,
    intervalMs: 60_000,
    reminderAfterInviteDays: 2,
    reminderBeforeDeadlineDays: 1,
    batchSize: 500,
  });
  const worker = createOutboxSender({
    repository: outboxRepository,
    local: outbox.local,
    owners,
    gateway,
    postWebhook: async () => ({ ok: true, status: 200, retryable: false }),
    logger,
    now,
    onDelivered: (outcome) => scheduler.handleDelivered(outcome),
    onFailed: (item, error) => scheduler.handleFailed(item, error),
  });
  worker.start();

  async function phase(tag: string, count: number, allowedPerSecond?: number): Promise<InvitePhaseResult> {
    const start = addDays(localDateOf(now(), 'UTC'), 1);
    const ids = Array.from({ length: count }, (_, i) => `BENCH-${tag}-${String(i).padStart(5, '0')}`);
    const created = Date.now();
    let next = 0;
    const lane = async () => {
      while (next < ids.length) {
        const orderId = ids[next++] ?? '';
        const email = `${orderId.toLowerCase()}@partner.example`;
        // Like Webex, the emulator refuses to message an address nobody created.
        await emulator.emulator.createPerson(email, orderId);
        const body = newOrderSchema.parse({
          orderId,
          requestedStartDate: start,
          provisioningContactEmail: email,
          timeZone: 'UTC',
        });
        await service.createOrder(body, 'import');
      }
    };
    await Promise.all(Array.from({ length: 8 }, lane));
    const createMs = Date.now() - created;
    log(`${tag}: created ${count} orders in ${createMs} ms`);
    emulator.emulator.faults.setRateLimit(
      allowedPerSecond === undefined ? undefined : { requests: allowedPerSecond, windowMs: 1_000 },
    );
    const limitedBefore = emulator.emulator.stats().rateLimited;
    // Orders of this phase with a message: the recorder's new keys (counted, not searched, as the
    // wait checks it every 50 ms and a scan of 10,000 ids each time cost the run seconds of CPU).
    const keysBefore = recorder.perOrder.size;
    const stored = () => recorder.perOrder.size - keysBefore;
    offsetMs += DAY_MS;
    const began = Date.now();
    const cpuBefore = process.cpuUsage();
    await scheduler?.runOnce();
    const queueMs = Date.now() - began;
    await waitUntil(`${tag}: ${count} invitations`, () => stored() === count, 30 * 60_000);
    const inviteMs = Date.now() - began;
    const cpu = process.cpuUsage(cpuBefore);
    emulator.emulator.faults.setRateLimit(undefined);
    const duplicates = ids.reduce((sum, id) => sum + Math.max(0, (recorder.perOrder.get(id) ?? 0) - 1), 0);
    const result: InvitePhaseResult = {
      orders: count,
      createMs,
      queueMs,
      inviteMs,
      perSecond: Math.round((count * 1000) / inviteMs),
      cpuMsPerInvitation: Math.round(((cpu.user + cpu.system) / 1000 / count) * 100) / 100,
      messagesStored: ids.reduce((sum, id) => sum + (recorder.perOrder.get(id) ?? 0), 0),
      duplicates,
      missing: count - stored(),
      rateLimitedAnswers: emulator.emulator.stats().rateLimited - limitedBefore,
      ...(allowedPerSecond === undefined
        ? {}
        : { allowedPerSecond, ofAllowed: Math.round((count * 100_000) / inviteMs / allowedPerSecond) / 100 }),
    };
    log(`${tag}: ${JSON.stringify(result)}`);
    return result;
  }

  try {
    const unlimited = await phase('FREE', options.orders ?? 10_000);
    const rateLimited = await phase('LIMITED', options.limitedOrders ?? 300, options.allowedPerSecond ?? 10);
    return { unlimited, rateLimited };
  } finally {
    await worker.stop();
    await storage.close();
    await emulator.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const numberFrom = (name: string) =>
    process.env[name] === undefined ? undefined : Number(process.env[name]);
  const result = await runOrdersBench({
    orders: numberFrom('BENCH_ORDERS') ?? 10_000,
    limitedOrders: numberFrom('BENCH_LIMITED_ORDERS') ?? 300,
    allowedPerSecond: numberFrom('BENCH_ALLOWED_PER_SECOND') ?? 10,
    log: (line) => process.stderr.write(`${line}\n`),
  });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
