import type { Owners } from '../effects/instances.js';
import type { Logger } from '../log/logger.js';
import type { OutboxItem, OutboxPurpose, OutboxRepository } from '../storage/outbox.repository.js';
import type { WebexGateway, WebexRefusal } from '../webex/gateway.js';
import type { LocalQueue } from './local-queue.js';
import type { SignedPostResult } from './webhook-sender.js';

/** What the outbox's sender is given (see `outbox-sender.ts`). */

export interface DeliveryOutcome {
  purpose: OutboxPurpose;
  itemId: string;
  messageId: string | null;
  roomId: string | null;
}

export interface OutboxSenderOptions {
  repository: OutboxRepository;
  /** This process's outbox: what it queues is handed over in memory (see `local-queue.ts`). */
  local: LocalQueue;
  /** This instance, the owner of what it queues and takes over. */
  owners: Owners;
  gateway: WebexGateway;
  postWebhook: (url: string, body: unknown) => Promise<SignedPostResult>;
  logger: Logger;
  now?: () => Date;
  /** Sends under way at once; Webex throttles per token, so a few saturate the allowed rate. */
  concurrency?: number;
  /** Tries before a message is given up. */
  maxAttempts?: number;
  /** Called once per item, after it is recorded as sent. */
  onDelivered?: (outcome: DeliveryOutcome) => Promise<void>;
  /**
   * Called once per item that gave up for good, after it is recorded; `refusal` says when Webex
   * refused it for a reason about the recipient (no Webex account), which no retry can change.
   */
  onFailed?: (item: OutboxItem, error: string, refusal: WebexRefusal | undefined) => Promise<void>;
}
