import { hostname } from 'node:os';
import type { Config } from '../config.js';
import type { Logger } from '../log/logger.js';
import type { OrderScheduler } from '../orders/scheduler.js';
import type { OutboxHandOff } from '../outbox/hand-off.js';
import { createOutboxWorker } from '../outbox/outbox-worker.js';
import { postSignedJson } from '../outbox/webhook-sender.js';
import type { Repositories } from '../storage/repositories.js';
import type { WebexGateway } from '../webex/gateway.js';
import type { Lifecycle } from './lifecycle.js';
import type { Notifier } from './signal.js';

export interface WorkersOptions {
  config: Config;
  repositories: Repositories;
  gateway: WebexGateway;
  scheduler: OrderScheduler;
  /** Wakes the outbox worker whenever a message is queued. */
  enqueued: Notifier;
  /** Given the worker, so that what this process queues reaches it without a poll. */
  handOff: OutboxHandOff;
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
    gateway: options.gateway,
    postWebhook: (url, body) => postSignedJson(url, body, config.provisioningWebhook?.secret ?? '', 10_000),
    logger: options.logger,
    now: options.now,
    maxAttempts: config.scheduler.inviteMaxAttempts,
    slot: `${hostname()}:${options.port}`,
    onDelivered: (outcome) => scheduler.handleDelivered(outcome),
    onFailed: (item, error, refusal) => scheduler.handleFailed(item, error, refusal),
  });
  options.enqueued.subscribe(() => worker.kick());
  options.handOff.attach(worker);
  worker.start();
  lifecycle.onStop(() => worker.stop());
  scheduler.start();
  lifecycle.onStop(() => scheduler.stop());
}
