import { hostname } from 'node:os';
import type { Config } from '../config.js';
import type { Logger } from '../log/logger.js';
import type { OrderScheduler } from '../orders/scheduler.js';
import type { Outbox } from '../outbox/outbox.js';
import { createOutboxWorker } from '../outbox/outbox-worker.js';
import { postSignedJson } from '../outbox/webhook-sender.js';
import type { Repositories } from '../storage/repositories.js';
import type { WebexGateway } from '../webex/gateway.js';
import type { Lifecycle } from './lifecycle.js';

export interface WorkersOptions {
  config: Config;
  repositories: Repositories;
  gateway: WebexGateway;
  scheduler: OrderScheduler;
  /** This process's outbox: the worker takes what it queues without polling for it. */
  outbox: Pick<Outbox, 'local'>;
  lifecycle: Lifecycle;
  /** The port this process listens on: with the host, its place (see the outbox worker's `slot`). */
  port: number;
  now: () => Date;
  logger: Logger;
}

/** Starts the outbox worker (sending through the gateway) and the order scheduler. */
export function startWorkers(options: WorkersOptions): void {
  const { config, scheduler, lifecycle } = options;
  const worker = createOutboxWorker({
    repository: options.repositories.outbox,
    local: options.outbox.local,
    gateway: options.gateway,
    postWebhook: (url, body) => postSignedJson(url, body, config.provisioningWebhook?.secret ?? '', 10_000),
    logger: options.logger,
    now: options.now,
    maxAttempts: config.scheduler.inviteMaxAttempts,
    slot: `${hostname()}:${options.port}`,
    onDelivered: (outcome) => scheduler.handleDelivered(outcome),
    onFailed: (item, error, refusal) => scheduler.handleFailed(item, error, refusal),
  });
  worker.start();
  lifecycle.onStop(() => worker.stop());
  scheduler.start();
  lifecycle.onStop(() => scheduler.stop());
}
