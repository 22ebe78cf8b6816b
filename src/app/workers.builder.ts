import type { Config } from '../config.js';
import type { Owners } from '../effects/instances.js';
import type { Logger } from '../log/logger.js';
import type { OrderScheduler } from '../orders/scheduler.js';
import type { Outbox } from '../outbox/outbox.js';
import { createOutboxSender, type OutboxSender } from '../outbox/outbox-sender.js';
import { postSignedJson } from '../outbox/webhook-sender.js';
import type { Repositories } from '../storage/repositories.js';
import type { WebexGateway } from '../webex/gateway.js';
import type { Lifecycle } from './lifecycle.js';

export interface WorkersOptions {
  config: Config;
  repositories: Repositories;
  gateway: WebexGateway;
  scheduler: OrderScheduler;
  /** This process's outbox: the sender takes what it queues in memory. */
  outbox: Pick<Outbox, 'local'>;
  owners: Owners;
  lifecycle: Lifecycle;
  now: () => Date;
  logger: Logger;
}

/**
 * Starts the outbox's sender (through the gateway) and the order scheduler; the sender, whose
 * recovery pass the effect runner makes with the other kinds of work.
 */
export function startWorkers(options: WorkersOptions): OutboxSender {
  const { config, scheduler, lifecycle } = options;
  const sender = createOutboxSender({
    repository: options.repositories.outbox,
    local: options.outbox.local,
    owners: options.owners,
    gateway: options.gateway,
    postWebhook: (url, body) => postSignedJson(url, body, config.provisioningWebhook?.secret ?? '', 10_000),
    logger: options.logger,
    now: options.now,
    maxAttempts: config.scheduler.inviteMaxAttempts,
    onDelivered: (outcome) => scheduler.handleDelivered(outcome),
    onFailed: (item, error, refusal) => scheduler.handleFailed(item, error, refusal),
  });
  sender.start();
  lifecycle.onStop(() => sender.stop());
  scheduler.start();
  lifecycle.onStop(() => scheduler.stop());
  return sender;
}
