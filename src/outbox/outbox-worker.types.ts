import type { Logger } from '../log/logger.js';
import type { OutboxItem, OutboxPurpose, OutboxRepository } from '../storage/outbox.repository.js';
import type { WebexGateway, WebexRefusal } from '../webex/gateway.js';
import type { LocalQueue } from './local-queue.js';
import type { SignedPostResult } from './webhook-sender.js';

/** What the outbox worker is given and what it offers (see `outbox-worker.ts`). */

export interface DeliveryOutcome {
  purpose: OutboxPurpose;
  itemId: string;
  messageId: string | null;
  roomId: string | null;
}

export interface OutboxWorkerOptions {
  repository: OutboxRepository;
  /**
   * The outbox of this process, when there is one: what it queues is handed over in memory while
   * the worker runs. Without it, the worker finds every message by polling.
   */
  local?: LocalQueue;
  gateway: WebexGateway;
  postWebhook: (url: string, body: unknown) => Promise<SignedPostResult>;
  logger: Logger;
  now?: () => Date;
  /** Recipients served at once; Webex throttles per token, so a few saturate the allowed rate. */
  concurrency?: number;
  pollMs?: number;
  leaseMs?: number;
  maxAttempts?: number;
  /** This process's place (`host:port`): a successor there ends its dead predecessor's claims. */
  slot?: string;
  /** Called once per item, after it is recorded as sent. */
  onDelivered?: (outcome: DeliveryOutcome) => Promise<void>;
  /**
   * Called once per item that gave up for good; `refusal` says when Webex refused it for a reason
   * about the recipient (no Webex account), which no retry can change.
   */
  onFailed?: (item: OutboxItem, error: string, refusal: WebexRefusal | undefined) => Promise<void>;
}

export interface OutboxWorker {
  /** Starts polling, and taking what this process's outbox queues. */
  start(): void;
  /** Stops claiming, and waits for the sends under way. */
  stop(): Promise<void>;
}
