import { z } from 'zod';
import {
  type MessageTarget,
  type OutgoingMessage,
  type SentMessage,
  WebexCallError,
  type WebexGateway,
  type WebexLogger,
} from './gateway.js';
import type { WebexHttpClient } from './webex-http.client.js';

/** Who the bot is, as `GET /people/me` said at start. */
export interface BotIdentity {
  id: string;
  email: string;
  displayName: string;
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/** The card property that carries a message's own marker (Adaptive Card hosts ignore unknown ones). */
export const CARD_MARKER_PROPERTY = 'wxccMessageKey';

/** Webex refuses text, markdown or html longer than this many bytes. */
export const MAX_MESSAGE_BYTES = 7439;

/**
 * How far back (ms) a message may have been created and still count as the copy of a send whose
 * answer was lost; covers clock skew between us and Webex.
 */
const SENT_COPY_WINDOW_MS = 10_000;

const sentMessageSchema = z.object({ id: z.string().min(1), roomId: z.string().min(1) });

const listedMessageSchema = z.object({
  id: z.string().min(1),
  roomId: z.string().optional(),
  text: z.string().optional(),
  markdown: z.string().optional(),
  personId: z.string().optional(),
  parentId: z.string().optional(),
  created: z.string().optional(),
  attachments: z.array(z.object({ contentType: z.string().optional(), content: z.unknown() })).optional(),
});
const messageListSchema = z.object({ items: z.array(listedMessageSchema) });

const membershipListSchema = z.object({
  items: z.array(z.object({ personId: z.string().optional(), personEmail: z.string().optional() })),
});

/** Parses an answer of Webex; an unexpected shape is a failure of the call, not of the caller. */
function parseAnswer<T>(schema: z.ZodType<T>, body: unknown, label: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new WebexCallError(
    `${label} answered an unexpected shape (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''})`,
    undefined,
    false,
  );
}

function checkSize(field: string, value: string | undefined): void {
  if (value === undefined) return;
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > MAX_MESSAGE_BYTES) {
    throw new WebexCallError(
      `${field} is ${bytes} bytes; Webex accepts at most ${MAX_MESSAGE_BYTES}`,
      undefined,
      false,
    );
  }
}

const markedCardSchema = z.looseObject({ [CARD_MARKER_PROPERTY]: z.string() });

function markerOf(card: unknown): string | undefined {
  const parsed = markedCardSchema.safeParse(card);
  return parsed.success ? parsed.data[CARD_MARKER_PROPERTY] : undefined;
}

/**
 * The card a message is sent with, carrying its marker. Webex keeps nothing else of a message's
 * own beside its text, so a plain message gets a card too: its text (markdown where given) in one
 * text block, which Webex clients show as they show the text.
 */
function cardWithMarker(message: OutgoingMessage): Record<string, unknown> | undefined {
  if (message.marker === undefined) return message.card;
  const card = message.card ?? {
    type: 'AdaptiveCard',
    version: '1.3',
    body: [{ type: 'TextBlock', text: message.markdown ?? message.text, wrap: true }],
  };
  return { ...card, [CARD_MARKER_PROPERTY]: message.marker };
}

/** Webex's `message` when a bot writes to an address that has no Webex account. */
export const NO_ONE_ON_ONE_MESSAGE = 'Failed to get one on one conversation';

/**
 * A send to `toPersonEmail` that Webex refused because nobody has that address: permanent, and
 * about the recipient, so the caller can tell an operator instead of trying again. It is known by
 * Webex's message on a 4xx, not by the status alone: a 404 can also mean a wrong API URL.
 */
function classifySendFailure(target: MessageTarget, error: unknown): unknown {
  if (!(error instanceof WebexCallError) || !('toPersonEmail' in target)) return error;
  const status = error.status;
  if (status === undefined || status < 400 || status >= 500) return error;
  if (error.webexMessage !== NO_ONE_ON_ONE_MESSAGE) return error;
  return new WebexCallError(`${error.message}: the recipient has no Webex account`, status, false, {
    webexMessage: error.webexMessage,
    refusal: 'recipient_not_on_webex',
  });
}

/**
 * The `WebexGateway` over the REST API. `identity` is read on each call because the runtime learns
 * the bot's identity only when it starts.
 */
export function createRestGateway(options: {
  http: WebexHttpClient;
  identity: () => BotIdentity;
  logger: WebexLogger;
  /** Members fetched per page (Webex allows up to 1000; smaller pages are for tests). */
  memberPageSize?: number;
}): WebexGateway {
  const { http, logger } = options;

  async function listRecent(target: MessageTarget): Promise<Array<z.infer<typeof listedMessageSchema>>> {
    const response =
      'toPersonEmail' in target
        ? await http.request({
            method: 'GET',
            path: '/messages/direct',
            query: { personEmail: target.toPersonEmail },
          })
        : await http.request({ method: 'GET', path: '/messages', query: { roomId: target.roomId, max: 20 } });
    return parseAnswer(messageListSchema, response.body, 'GET /messages').items;
  }

  /**
   * After a 5xx or a lost connection the POST may have created the message anyway. Look for it
   * before sending again; if the look-up itself fails (bots may not list group spaces), resend:
   * a rare duplicate beats a lost step.
   */
  async function findSentCopy(
    target: MessageTarget,
    message: OutgoingMessage,
    startedAt: number,
  ): Promise<SentMessage | undefined> {
    try {
      const botId = options.identity().id;
      const copy = (await listRecent(target)).find(
        (item) =>
          item.personId === botId &&
          (message.marker === undefined
            ? item.text === message.text
            : markerOf(item.attachments?.[0]?.content) === message.marker) &&
          item.parentId === message.parentId &&
          (item.created === undefined || Date.parse(item.created) >= startedAt - SENT_COPY_WINDOW_MS),
      );
      if (copy?.roomId === undefined) return undefined;
      logger.info(
        { messageId: copy.id },
        'message was created despite the failed send; not sending it again',
      );
      return { id: copy.id, roomId: copy.roomId };
    } catch (error) {
      logger.warn({ err: error }, 'could not check whether a failed send was delivered; sending again');
      return undefined;
    }
  }

  return {
    get botEmail() {
      return options.identity().email;
    },

    async sendMessage(target, message) {
      checkSize('text', message.text);
      checkSize('markdown', message.markdown);
      const card = cardWithMarker(message);
      const body = {
        ...target,
        text: message.text,
        ...(message.markdown === undefined ? {} : { markdown: message.markdown }),
        ...(message.parentId === undefined ? {} : { parentId: message.parentId }),
        ...(card === undefined
          ? {}
          : { attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }] }),
      };
      const startedAt = Date.now();
      const result = await http
        .requestOr<SentMessage>({
          method: 'POST',
          path: '/messages',
          body,
          // A 429 means Webex did not create the message, so only other failures need the look-up.
          beforeRetry: async (failure) => {
            if (failure.kind !== 'transient') return undefined;
            const copy = await findSentCopy(target, message, startedAt);
            return copy === undefined ? undefined : { value: copy };
          },
        })
        .catch((error: unknown) => {
          throw classifySendFailure(target, error);
        });
      if ('settled' in result) return result.settled;
      return parseAnswer(sentMessageSchema, result.body, 'POST /messages');
    },

    async listDirectMessages(personEmail, max) {
      const items = await listRecent({ toPersonEmail: personEmail });
      const botId = options.identity().id;
      return items.slice(0, Math.max(0, max)).map((item) => ({
        id: item.id,
        roomId: item.roomId,
        personId: item.personId,
        text: item.text ?? '',
        fromBot: item.personId === botId,
        created: item.created === undefined ? undefined : new Date(item.created),
        card: item.attachments?.find((a) => a.contentType === ADAPTIVE_CARD_CONTENT_TYPE)?.content,
        marker: markerOf(
          item.attachments?.find((a) => a.contentType === ADAPTIVE_CARD_CONTENT_TYPE)?.content,
        ),
      }));
    },

    async listRoomMemberEmails(roomId) {
      const botEmail = options.identity().email.toLowerCase();
      const emails: string[] = [];
      let next: string | undefined = '/memberships';
      // Bounded: 100 pages is already far beyond an admins' room.
      for (let page = 0; next !== undefined && page < 100; page += 1) {
        const response = await http.request({
          method: 'GET',
          path: next,
          ...(page === 0 ? { query: { roomId, max: options.memberPageSize ?? 100 } } : {}),
        });
        for (const item of parseAnswer(membershipListSchema, response.body, 'GET /memberships').items) {
          const email = item.personEmail?.toLowerCase();
          if (email !== undefined && email !== botEmail) emails.push(email);
        }
        next = response.nextUrl;
      }
      return emails;
    },
  };
}
