import type { EventLanes } from './event-lanes.js';
import type { MessageTarget, OutgoingMessage, WebexLogger } from './gateway.js';
import { createRefusalBudget } from './refusal-budget.js';
import type { BotIdentity } from './rest.gateway.js';
import { type WebhookBody, webhookBodySchema } from './webhook-body.schema.js';
import { within } from './within.js';

/** Where verified webhooks are stored before they are acknowledged (see `src/effects/inbox.ts`). */
export interface WebhookInbox {
  /** `duplicate` when an event of this id was stored before; throws when it cannot be stored. */
  receive(id: string, body: string, receivedAt: Date): Promise<'stored' | 'duplicate'>;
}

/** What a person is told, straight through Webex, when their event cannot be taken now. */
export interface IntakeNotices {
  /** The event is kept and will be handled: no need to send it again. */
  answerShortly: OutgoingMessage;
  /** The event could not be kept: send it again. */
  clickAgain: OutgoingMessage;
}

/** Bounds of the events held in memory while the database cannot take them. */
export interface HoldLimits {
  maxEvents: number;
  maxAgeMs: number;
  /** How often held events are offered to the inbox again. */
  retryMs: number;
  /** How long storing one may take before it is held instead (and Webex answered 503). */
  storeWithinMs: number;
  /**
   * At most this many 503s within `refusalWindowMs`; past it, a held event is answered 200.
   * Webex disables a webhook after 100 failed deliveries within five minutes, so the bot's own
   * refusals must stay well under that, leaving room for failures it does not control.
   */
  maxRefusals: number;
  refusalWindowMs: number;
}

/**
 * At most 10,000 events (10 a second for over 15 minutes; a few MB), each for at most 15 minutes:
 * an outage longer than that loses the rest (they are told). At most 30 refusals in five minutes.
 */
export const DEFAULT_HOLD_LIMITS: HoldLimits = {
  maxEvents: 10_000,
  maxAgeMs: 900_000,
  retryMs: 1_000,
  storeWithinMs: 2_000,
  maxRefusals: 30,
  refusalWindowMs: 300_000,
};

/** Processes a stored body (as received at `receivedAt`); rejects when it could not be handled now. */
export type StoredEventProcessor = (json: string, receivedAt?: Date) => Promise<void>;

export interface WebhookIntakeOptions<I extends WebhookInbox> {
  /**
   * Opens the inbox that verified events are stored in, given how a stored event is processed
   * (the inbox runs that as the event's work, at once and after a crash).
   */
  openInbox: (process: StoredEventProcessor) => I;
  lanes: EventLanes;
  identity: () => BotIdentity;
  /** Sends straight through Webex: nothing here may depend on the database. */
  send: (target: MessageTarget, message: OutgoingMessage) => Promise<unknown>;
  notices: IntakeNotices;
  logger: WebexLogger;
  now: () => Date;
  hold?: Partial<HoldLimits>;
}

interface HeldEvent {
  body: WebhookBody;
  receivedAt: Date;
  heldSince: number;
}

/** The id of the event a body reports; a redelivery repeats it. */
export function webhookEventId(body: WebhookBody): string {
  return `${body.resource}/${body.event}/${body.data.id}`;
}

const NOTICES_REMEMBERED = 10_000;

/**
 * The intake of verified webhooks. What the bot answers (texts and card submits of people) is
 * stored in the inbox before it is acknowledged; the rest (memberships, the bot's own messages)
 * only feeds the framework's view of spaces and is handed over at once. When the database cannot
 * take an event, it is held in memory (bounded in count and age) and offered again every second,
 * the person is told at once that the bot will answer shortly, and Webex is answered 503 so that
 * it may deliver the event again too (the inbox then sees a duplicate), within a budget of
 * refusals (`maxRefusals` per `refusalWindowMs`); past it the held event is answered 200, since
 * enough refusals make Webex disable the webhook (see `HoldLimits.maxRefusals`).
 */
export function createWebhookIntake<I extends WebhookInbox>(options: WebhookIntakeOptions<I>) {
  const { logger } = options;
  const inbox = options.openInbox(processStored);
  const limits: HoldLimits = { ...DEFAULT_HOLD_LIMITS, ...options.hold };
  const held = new Map<string, HeldEvent>();
  const told = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let offering: Promise<void> | undefined;
  const mayRefuse = createRefusalBudget(limits.maxRefusals, limits.refusalWindowMs, options.now);

  /** Tells the person once per event and kind; a failure to tell is logged, never thrown. */
  function tell(body: WebhookBody, kind: keyof IntakeNotices): void {
    const roomId = body.data.roomId;
    const key = `${kind}:${webhookEventId(body)}`;
    if (roomId === undefined || told.has(key)) return;
    told.add(key);
    if (told.size > NOTICES_REMEMBERED) told.delete(told.values().next().value ?? key);
    options
      .send({ roomId }, options.notices[kind])
      .catch((error: unknown) =>
        logger.warn({ err: error, kind, roomId }, 'could not tell the person about the delay'),
      );
  }

  function hold(id: string, body: WebhookBody, receivedAt: Date): void {
    if (!held.has(id) && held.size >= limits.maxEvents) {
      logger.error({ id, held: held.size }, 'too many events held; this one is refused');
      tell(body, 'clickAgain');
      return;
    }
    if (!held.has(id)) held.set(id, { body, receivedAt, heldSince: Date.now() });
    tell(body, 'answerShortly');
    timer ??= setInterval(() => {
      if (offering !== undefined) return;
      offering = offerHeld().finally(() => {
        offering = undefined;
      });
    }, limits.retryMs);
    timer.unref();
  }

  /**
   * Offers held events to the inbox again, oldest first. The first failure ends the round (the
   * database is most likely still away) and sends that event to the back of the line, so one event
   * that keeps failing never blocks the ones behind it. An event past its age is dropped (its
   * person told) only when the inbox refuses it: once the database is back, thousands held wait
   * their turn, and one sent to the back by a passing failure may age meanwhile; it is stored.
   */
  async function offerHeld(): Promise<void> {
    for (const [id, event] of held) {
      try {
        await inbox.receive(id, JSON.stringify(event.body), event.receivedAt);
        held.delete(id);
        logger.info({ id }, 'held event stored');
      } catch {
        held.delete(id);
        if (Date.now() - event.heldSince > limits.maxAgeMs) {
          logger.error({ id }, 'held event expired before the database came back');
          tell(event.body, 'clickAgain');
          continue;
        }
        held.set(id, event);
        return;
      }
    }
    if (held.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  }

  /**
   * Processes a stored body (see `WebhookInbox`), received at `receivedAt`, in its space's lane.
   * Rejects when it could not be handled now; the person is then told once that the bot will
   * answer shortly.
   */
  async function processStored(json: string, receivedAt?: Date): Promise<void> {
    let stored: unknown;
    try {
      stored = JSON.parse(json);
    } catch {
      stored = undefined;
    }
    const parsed = webhookBodySchema.safeParse(stored);
    if (!parsed.success) {
      logger.error({ problems: parsed.error.issues.length }, 'stored webhook unreadable; dropped');
      return;
    }
    try {
      await options.lanes.run(parsed.data, performance.now(), receivedAt);
    } catch (error) {
      tell(parsed.data, 'answerShortly');
      throw error;
    }
  }

  return {
    /** The inbox it stores into, as opened. */
    inbox,
    /** Decides how a verified body is acknowledged: stored (or not needing it), or 503. */
    async accept(body: WebhookBody): Promise<'accepted' | 'unavailable'> {
      const wanted =
        body.event === 'created' && (body.resource === 'messages' || body.resource === 'attachmentActions');
      const own = body.resource === 'messages' && body.data.personId === options.identity().id;
      if (!wanted || own) {
        options.lanes.dispatch(body, performance.now());
        return 'accepted';
      }
      const id = webhookEventId(body);
      const receivedAt = options.now();
      // The framework's fetches (the submit, the person) run while the body is stored; it is
      // handled only once stored, as before.
      options.lanes.prefetch(body);
      try {
        const stored = inbox.receive(id, JSON.stringify(body), receivedAt);
        const outcome = await within(stored, limits.storeWithinMs);
        if (outcome === 'duplicate') {
          options.lanes.forget(body);
          logger.debug({ id }, 'redelivered webhook; already stored');
        }
        return 'accepted';
      } catch (error) {
        logger.warn({ err: error, id }, 'cannot store a webhook; holding it');
        hold(id, body, receivedAt);
        if (mayRefuse()) return 'unavailable';
        logger.warn({ id, held: held.size }, 'refusal budget spent: a held webhook is acknowledged');
        return 'accepted';
      }
    },

    /** Held events, and events whose person was told of a delay (at most 10,000 each). */
    tracked: () => ({ intake_held: held.size, intake_notices: told.size }),

    stop(): void {
      clearInterval(timer);
      timer = undefined;
    },
  };
}

export type WebhookIntake<I extends WebhookInbox = WebhookInbox> = ReturnType<typeof createWebhookIntake<I>>;
