import { randomUUID } from 'node:crypto';
import { createAdminAlerts } from '../../../src/admin/alerts.js';
import { createSilentLogger } from '../../../src/log/logger.js';
import { createOrdersService } from '../../../src/orders/orders.service.js';
import { createOrderScheduler } from '../../../src/orders/scheduler.js';
import { createOutbox } from '../../../src/outbox/outbox.js';
import { createOrdersRepository } from '../../../src/storage/orders.repository.js';
import { createOutboxRepository, type OutboxItem } from '../../../src/storage/outbox.repository.js';
import { defaultOrderMessages } from '../../support/default-order-messages.js';
import { startTestInstance } from '../../support/test-instance.js';
import {
  openTestDatabase,
  type TestDatabase,
  useFixture,
  useTestDatabase,
} from '../../support/use-test-app.js';

/** A clock the test moves by hand. */
export function createTestClock(start: string) {
  let current = new Date(start).getTime();
  return {
    now: () => new Date(current),
    set: (iso: string) => {
      current = new Date(iso).getTime();
    },
    advance: (ms: number) => {
      current += ms;
    },
  };
}

export const ADMIN = 'ops@example.com';
export const DAY_MS = 86_400_000;

/**
 * Real orders service and scheduler on a real MongoDB (embedded unless MONGODB_URI is set), in a
 * database of its own (or `database`, which then stays open after `close()`), with a clock the
 * test controls.
 */
export async function startOrdersHarness(
  name: string,
  start = '2025-06-01T08:00:00Z',
  database?: TestDatabase,
) {
  const logger = createSilentLogger();
  const storage = database ?? (await openTestDatabase(`orders_${name}`));
  const repository = createOrdersRepository(storage.db);
  const outboxRepository = createOutboxRepository(storage.db);
  await repository.ensureIndexes();
  await outboxRepository.ensureIndexes();
  // The test clock lives in 2025 while the server's TTL monitor reads the real clock: it would
  // delete every message marked sent here at its next pass, in the middle of a test.
  await storage.db.collection('outbox').dropIndex('sent_ttl');
  const clock = createTestClock(start);
  const owners = await startTestInstance(storage.db, clock.now);
  const outbox = createOutbox({ repository: outboxRepository, owners, now: clock.now });
  const alerts = createAdminAlerts({ outbox, adminEmails: [ADMIN], adminRoomId: undefined });
  const deps = { repository, outbox, alerts, messages: defaultOrderMessages, owners, now: clock.now, logger };
  const createService = () =>
    createOrdersService({
      ...deps,
      defaults: { locale: 'en', timeZone: 'Europe/Zagreb' },
    });
  const createScheduler = () =>
    createOrderScheduler({
      ...deps,
      intervalMs: 60_000,
      reminderAfterInviteDays: 2,
      reminderBeforeDeadlineDays: 1,
      batchSize: 50,
    });
  const service = createService();
  const scheduler = createScheduler();
  const outboxItems = storage.db.collection<OutboxItem>('outbox');

  return {
    storage,
    repository,
    /** What the service and scheduler are built from, for tests that build more parts on them. */
    deps,
    outboxRepository,
    clock,
    service,
    scheduler,
    createService,
    createScheduler,
    /** Every outbox item, oldest first. */
    outboxItems: () => outboxItems.find({}, { sort: { createdAt: 1, _id: 1 } }).toArray(),
    /**
     * Plays the outbox sender's part without Webex: takes every pending item in queue order,
     * records it sent (or failed) and reports the outcome to the scheduler, as the sender does.
     */
    async deliverOutbox(outcome: 'sent' | 'failed' = 'sent') {
      const delivered: OutboxItem[] = [];
      for (;;) {
        const work = (await outboxRepository.store.pending({ limit: 1 }))[0];
        const item = work === undefined ? undefined : await outboxRepository.get(work.id);
        if (work === undefined || item === undefined) return delivered;
        const done = work.effects.map((effect) => effect.id);
        if (outcome === 'sent') {
          const messageId = `msg-${item._id}`;
          await outboxRepository.store.markDone(item._id, done, {
            status: 'sent',
            sentAt: clock.now(),
            messageId,
          });
          await scheduler.handleDelivered({
            purpose: item.purpose,
            itemId: item._id,
            messageId: `msg-${item._id}`,
            roomId: null,
          });
        } else {
          await outboxRepository.store.markDone(item._id, done, {
            status: 'failed',
            lastError: 'HTTP 404 person not found',
          });
          await scheduler.handleFailed(item, 'HTTP 404 person not found');
        }
        delivered.push(item);
      }
    },
    close: async () => {
      if (database === undefined) await storage.close();
    },
  };
}

export type OrdersHarness = Awaited<ReturnType<typeof startOrdersHarness>>;

/** The orders harness for the tests of the enclosing suite, on a database of its own. */
export function useOrdersHarness(name: string, start?: string): OrdersHarness {
  const database = useTestDatabase({ label: `orders_${name}` });
  const read = useFixture('the orders harness', { start: () => startOrdersHarness(name, start, database) });
  return {
    storage: database,
    get repository() {
      return read().repository;
    },
    get outboxRepository() {
      return read().outboxRepository;
    },
    get clock() {
      return read().clock;
    },
    get service() {
      return read().service;
    },
    get scheduler() {
      return read().scheduler;
    },
    get deps() {
      return read().deps;
    },
    createService: () => read().createService(),
    createScheduler: () => read().createScheduler(),
    outboxItems: () => read().outboxItems(),
    deliverOutbox: (outcome) => read().deliverOutbox(outcome),
    close: () => read().close(),
  };
}

/** A valid order body; pass fields to change. */
export function orderBody(overrides: Record<string, unknown> = {}) {
  return {
    orderId: `ORD-${randomUUID().slice(0, 8)}`,
    requestedStartDate: '2025-06-01',
    provisioningContactEmail: 'contact@partner.example',
    customerName: 'Acme d.o.o.',
    ...overrides,
  };
}
