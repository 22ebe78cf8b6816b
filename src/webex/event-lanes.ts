import { setTimeout as delay } from 'node:timers/promises';
import type { FrameworkObservation } from './framework.adapter.js';
import type { IncomingEvent, WebexLogger } from './gateway.js';
import { type MappedOutcome, mapCardSubmit, mapMessage } from './incoming-event.mapper.js';
import type { BotIdentity } from './rest.gateway.js';
import type { WebhookBody } from './webhook-body.schema.js';

export interface EventLanesOptions {
  /** Runs one body through the framework (see `FrameworkAdapter.process`). */
  process: (body: WebhookBody) => Promise<FrameworkObservation>;
  identity: () => BotIdentity;
  /** Handles one event; a rejection means "not now" (see `run`). */
  onEvent: (event: IncomingEvent) => Promise<void>;
  logger: WebexLogger;
  /** How often an event the framework dropped is run through it again. */
  maxReplays: number;
  /** First wait before a replay; doubles each time. */
  replayDelayMs: number;
}

export interface EventLanes {
  /** Queues a verified body whose failures are only logged; never throws, never waits. */
  dispatch(body: WebhookBody, receivedAt: number): void;
  /**
   * Starts the framework's fetches for a card submit now, while it is being stored: `run` then
   * uses them instead of fetching again. Nothing is handled before `run`; `forget` drops them
   * (the body was a duplicate, handled elsewhere).
   */
  prefetch(body: WebhookBody): void;
  forget(body: WebhookBody): void;
  /**
   * Queues a stored body and resolves once it is handled; rejects when `onEvent` rejected, so
   * that the body stays stored to be handled again. `storedAt`, when the body was received (as
   * stored), goes with a card submit to the conversation.
   */
  run(body: WebhookBody, receivedAt: number, storedAt?: Date): Promise<void>;
  /** Resolves when everything queued is done, or false after `timeoutMs`. */
  drain(timeoutMs: number): Promise<boolean>;
  /** Spaces with events queued or running, and prefetches not yet taken (each dropped when done). */
  tracked(): { event_lanes: number; event_prefetches: number };
}

/**
 * Feeds webhook bodies to the framework, one space at a time, and hands the results to `onEvent`.
 *
 * One lane per space fixes the framework's spawn race: in a new 1:1 space the membership and the
 * first message arrive together, and the framework drops a message whose space is still being
 * spawned. In a lane, the message waits for the membership's spawn. Anything still dropped (or lost
 * to a failed fetch) is detected (no 'message' emitted for a message with text) and replayed.
 * Lanes also keep each space's events in order for the conversation layer. A redelivered event
 * is not recognised here: the inbox's unique ids do that, across restarts and instances.
 */
export function createEventLanes(options: EventLanesOptions): EventLanes {
  const { logger } = options;
  const lanes = new Map<string, Promise<void>>();
  const prefetched = createPrefetches(options.process);

  function mapObservation(
    body: WebhookBody,
    observation: FrameworkObservation,
  ): MappedOutcome<IncomingEvent> {
    if (body.resource === 'messages') return mapMessage(observation, options.identity());
    return mapCardSubmit(observation, options.identity());
  }

  async function deliver(
    mapped: IncomingEvent,
    receivedAt: number,
    replays: number,
    storedAt: Date | undefined,
  ): Promise<void> {
    const event: IncomingEvent =
      mapped.kind === 'cardSubmit' && storedAt !== undefined ? { ...mapped, receivedAt: storedAt } : mapped;
    const ids = { kind: event.kind, roomId: event.roomId, messageId: event.messageId };
    logger.debug(
      { ...ids, replays, latencyMs: Math.round(performance.now() - receivedAt) },
      'webex event delivered',
    );
    await options.onEvent(event);
  }

  async function handle(body: WebhookBody, receivedAt: number, storedAt: Date | undefined): Promise<void> {
    const wanted =
      body.event === 'created' && (body.resource === 'messages' || body.resource === 'attachmentActions');
    if (!wanted) {
      // Memberships, rooms, ...: the framework keeps its view of spaces; nothing for the bot.
      await options.process(body);
      return;
    }
    // Every message the bot sends comes back through the firehose webhook; skip the fetches.
    if (body.resource === 'messages' && body.data.personId === options.identity().id) return;
    const where = { resource: body.resource, roomId: body.data.roomId, id: body.data.id };
    for (let replay = 0; ; replay += 1) {
      const observed = (replay === 0 ? prefetched.take(body) : undefined) ?? options.process(body);
      const outcome = mapObservation(body, await observed);
      if (outcome.kind === 'event') return deliver(outcome.event, receivedAt, replay, storedAt);
      if (outcome.kind === 'ignored') {
        logger.debug({ ...where, reason: outcome.reason }, 'webex event ignored');
        return;
      }
      if (replay >= options.maxReplays) {
        // Rejected, not dropped: a stored body stays stored, to be processed again later.
        logger.error({ ...where, reason: outcome.reason, replays: replay }, 'webex event lost after replays');
        throw new Error(`the framework did not deliver ${body.resource} ${body.data.id}: ${outcome.reason}`);
      }
      logger.info(
        { ...where, reason: outcome.reason, replay: replay + 1 },
        'framework dropped an event; replaying',
      );
      await delay(options.replayDelayMs * 2 ** replay);
    }
  }

  /** Runs `handle` after the space's earlier bodies; the lane itself never rejects. */
  function enqueue(body: WebhookBody, receivedAt: number, storedAt?: Date): Promise<void> {
    const lane = body.data.roomId ?? '';
    const handled = (lanes.get(lane) ?? Promise.resolve()).then(() => handle(body, receivedAt, storedAt));
    const next = handled.catch(() => undefined);
    lanes.set(lane, next);
    void next.then(() => {
      if (lanes.get(lane) === next) lanes.delete(lane);
    });
    return handled;
  }

  return {
    dispatch(body, receivedAt) {
      enqueue(body, receivedAt).catch((error: unknown) =>
        logger.error(
          { resource: body.resource, roomId: body.data.roomId, err: error },
          'webhook processing failed',
        ),
      );
    },

    prefetch(body) {
      if (body.resource === 'attachmentActions' && body.event === 'created') prefetched.start(body);
    },
    forget(body) {
      // Its rejection, if any, was caught where it started.
      void prefetched.take(body);
    },
    run: enqueue,

    async drain(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (lanes.size > 0) {
        const remaining = deadline - Date.now();
        if (remaining <= 0) return false;
        await Promise.race([Promise.all(lanes.values()), delay(remaining, undefined, { ref: false })]);
      }
      return true;
    },

    tracked: () => ({ event_lanes: lanes.size, event_prefetches: prefetched.size() }),
  };
}

/** A prefetch not used within this time (its body was never stored) is dropped. */
const PREFETCH_KEPT_MS = 30_000;

/**
 * The framework's fetches of bodies being stored, by event id. Only card submits are fetched
 * early: they arrive in spaces the bot has written in, so the spawn race of a new space (which
 * the lanes exist for) cannot drop them; a failed or dropped fetch is replayed in the lane.
 */
function createPrefetches(process: (body: WebhookBody) => Promise<FrameworkObservation>) {
  const started = new Map<string, { observed: Promise<FrameworkObservation>; timer: NodeJS.Timeout }>();
  return {
    start(body: WebhookBody): void {
      const id = body.data.id;
      if (started.has(id)) return;
      const observed = process(body);
      // Its failure is seen (and replayed) by whoever takes it; unclaimed, it is of no interest.
      observed.catch(() => undefined);
      const timer = setTimeout(() => started.delete(id), PREFETCH_KEPT_MS);
      timer.unref();
      started.set(id, { observed, timer });
    },
    take(body: WebhookBody): Promise<FrameworkObservation> | undefined {
      const entry = started.get(body.data.id);
      if (entry === undefined) return undefined;
      started.delete(body.data.id);
      clearTimeout(entry.timer);
      return entry.observed;
    },
    size: () => started.size,
  };
}
