/**
 * What the rest of the bot may ask of Webex, and what it hears back. Only `src/webex/` knows the
 * framework or the SDK; everything else speaks these types.
 */

/** An Adaptive Card body, as JSON. Built by `cards/`, never inspected here. */
export type CardJson = Record<string, unknown>;

/** Where a message goes: an existing space, or a person (Webex opens the 1:1 space on first use). */
export type MessageTarget = { roomId: string } | { toPersonEmail: string };

export interface OutgoingMessage {
  /** Plain-text fallback; always set, because some clients cannot render cards. */
  text: string;
  markdown?: string | undefined;
  card?: CardJson | undefined;
  parentId?: string | undefined;
  /**
   * A key of this message's own (the outbox's, hashed), carried on its card as `wxccMessageKey`
   * and reported back by `listDirectMessages`, so that "was it sent?" is answered for this message
   * and not for another with the same text. A message without a card is sent with one holding its
   * text, to carry it.
   */
  marker?: string | undefined;
}

export interface SentMessage {
  id: string;
  roomId: string;
}

/** A message somebody wrote to the bot (1:1, or an @mention in a group space). */
export interface IncomingText {
  kind: 'text';
  messageId: string;
  roomId: string;
  roomType: 'direct' | 'group';
  personId: string;
  personEmail: string;
  /** The text with the bot's own @mention removed and whitespace trimmed. */
  text: string;
}

/** A card's Action.Submit: the inputs merged with the action's `data`, as the client sent them. */
export interface IncomingCardSubmit {
  kind: 'cardSubmit';
  actionId: string;
  /** The message that carried the card. */
  messageId: string;
  roomId: string;
  personId: string;
  personEmail: string;
  inputs: Record<string, unknown>;
  /**
   * When the bot received the click (kept with it in the inbox), if known: a click processed again
   * after a crash is judged by when it was made, not by when it is processed.
   */
  receivedAt?: Date;
}

export type IncomingEvent = IncomingText | IncomingCardSubmit;

/**
 * A refusal that says something about the recipient rather than about the call:
 * `recipient_not_on_webex`, Webex has no account for the address a 1:1 message went to.
 */
export type WebexRefusal = 'recipient_not_on_webex';

/**
 * Thrown by gateway calls that failed for good (after retries); `status` is the HTTP status if
 * any, `webexMessage` the `message` of Webex's error body, `refusal` what the refusal means.
 */
export class WebexCallError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryable: boolean,
    readonly details: { webexMessage?: string | undefined; refusal?: WebexRefusal | undefined } = {},
  ) {
    super(message);
    this.name = 'WebexCallError';
  }

  get webexMessage(): string | undefined {
    return this.details.webexMessage;
  }

  get refusal(): WebexRefusal | undefined {
    return this.details.refusal;
  }
}

/** A message of the bot's 1:1 space with someone, as listed. */
export interface DirectMessage {
  id: string;
  /** The 1:1 space; undefined if not reported. */
  roomId: string | undefined;
  /** Who wrote it; undefined if not reported. */
  personId: string | undefined;
  text: string;
  /** Whether the bot wrote it (rather than the person). */
  fromBot: boolean;
  /** When Webex created it; undefined if not reported. */
  created: Date | undefined;
  /** The Adaptive Card it carries, as Webex lists it (unparsed); undefined for a plain message. */
  card: unknown;
  /** The `marker` its card carries, if the bot sent it with one. */
  marker: string | undefined;
}

export interface WebexGateway {
  /** The bot's own identity, as Webex reports it. */
  readonly botEmail: string;
  sendMessage(target: MessageTarget, message: OutgoingMessage): Promise<SentMessage>;
  /**
   * Recent messages of the bot's 1:1 space with a person, newest first: to avoid duplicates, and
   * to read again what the person wrote while the bot's webhook was inactive.
   */
  listDirectMessages(personEmail: string, max: number): Promise<DirectMessage[]>;
  /** Emails of the people in a space (administrators' room). */
  listRoomMemberEmails(roomId: string): Promise<string[]>;
}

/** The logging surface `src/webex/` needs; pino and the app's `Logger` both satisfy it. */
export interface WebexLogger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}
