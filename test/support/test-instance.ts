import type { Db } from 'mongodb';
import { createInstance, type Instance } from '../../src/effects/instances.js';
import { createSilentLogger } from '../../src/log/logger.js';
import { createInstancesRepository } from '../../src/storage/instances.repository.js';

/**
 * A started instance on `db` (the owner of the work that parts built with it commit), as the app
 * makes one per process; `slot` names its place, for tests of a restart there.
 */
export async function startTestInstance(
  db: Db,
  now: () => Date = () => new Date(),
  slot?: string,
): Promise<Instance> {
  const instance = createInstance({
    store: createInstancesRepository(db),
    ...(slot === undefined ? {} : { slot }),
    now,
    logger: createSilentLogger(),
  });
  await instance.start();
  return instance;
}
