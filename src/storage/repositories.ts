import type { Db } from 'mongodb';
import type { Logger } from '../log/logger.js';
import { createDirectoryRepository } from './directory.repository.js';
import { createInboxRepository } from './inbox.repository.js';
import { createInstancesRepository } from './instances.repository.js';
import { createLeaseRepository } from './lease.repository.js';
import { createOrdersRepository } from './orders.repository.js';
import { createOutboxRepository } from './outbox.repository.js';
import { createSetupsRepository } from './setups.repository.js';

/** Every repository of the bot on one database, with their indexes created (idempotent). */
export async function openRepositories(db: Db, logger: Logger) {
  const repositories = {
    outbox: createOutboxRepository(db),
    orders: createOrdersRepository(db),
    setups: createSetupsRepository(db),
    directory: createDirectoryRepository(db, { logger }),
    inbox: createInboxRepository(db),
    leases: createLeaseRepository(db),
    instances: createInstancesRepository(db),
  };
  await Promise.all(Object.values(repositories).map((repository) => repository.ensureIndexes()));
  return repositories;
}

export type Repositories = Awaited<ReturnType<typeof openRepositories>>;
