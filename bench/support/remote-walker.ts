import { z } from 'zod';
import { webexCall } from './observed-emulator.js';
import { type BotMessageEvent, nowMs, type RoomTap } from './room-tap.js';
import { type CardHolder, cardStep, submissionFor } from './setup-walker.js';

/**
 * One person clicking through the setup against an emulator in a process of its own, through its
 * public REST API only: told of each new bot message in their space (by the tap, see
 * `room-tap.ts`), they read it as a Webex client would (`GET /messages/{id}` with their own
 * token) and, on a card, post their submission to `/attachment/actions`. A click lasts from
 * posting it to the `created` time of the next card (when the emulator stored it: visible).
 */

const messageSchema = z.looseObject({
  id: z.string(),
  text: z.string().optional(),
  markdown: z.string().optional(),
  attachments: z.array(z.looseObject({ content: z.unknown() })).optional(),
});

/** The title of the card that ends a setup, and of the notices that ask for the click again. */
const COMPLETE = 'Order setup complete';
const CLICK_AGAIN = ['Please send that again', 'Something went wrong'];

/** What a card asks of its person: a step to answer, nothing more (done), or a notice. */
type CardKind = 'step' | 'done' | 'wait' | 'again';

function kindOf(card: CardHolder & { text: string }): CardKind {
  if (card.text.includes(COMPLETE)) return 'done';
  if (submissionFor(card) !== undefined) return 'step';
  return CLICK_AGAIN.some((title) => card.text.includes(title)) ? 'again' : 'wait';
}

export interface RemoteCard extends CardHolder {
  id: string;
  created: number;
  text: string;
}

export interface ClickOutcome {
  /** Posting the click → the next card stored. */
  client: number;
  /** The submission's webhook reaching the bot's side → the next card stored. */
  server: number | undefined;
}

export interface RemoteWalker {
  email: string;
  roomId: string;
  readonly steps: string[];
  /** Clicks answered with a card of the step clicked (the same step sent again), not the next one. */
  readonly repeats: number;
  /** Notices received instead of a step's card (answer shortly, send again). */
  readonly notices: number;
  /** The latest card says the setup is complete. */
  readonly done: boolean;
  /** Clicks the current card; undefined when the setup is over (its card says it is complete). */
  click(): Promise<ClickOutcome | undefined>;
}

/** Reads bot messages of the space from index `from` on, until one with a card created at or after `since`. */
async function nextCard(
  apiUrl: string,
  token: string,
  tap: RoomTap,
  roomId: string,
  from: number,
  since: number,
  timeoutMs: number,
): Promise<{ card: RemoteCard; seen: number }> {
  const deadline = nowMs() + timeoutMs;
  let seen = from;
  for (;;) {
    const list: readonly BotMessageEvent[] = tap.botMessages(roomId);
    while (seen < list.length) {
      const event = list[seen];
      seen += 1;
      if (event === undefined || event.created < Math.floor(since)) continue;
      const message = messageSchema.parse(await webexCall(apiUrl, token, 'GET', `/messages/${event.id}`));
      const text = `${message.text ?? ''} ${message.markdown ?? ''} ${JSON.stringify(message.attachments ?? '')}`;
      if (message.attachments !== undefined)
        return { card: { id: event.id, created: event.created, record: message, text }, seen };
    }
    const left = deadline - nowMs();
    if (left <= 0 || !(await tap.waitForMore(roomId, seen, left)))
      throw new Error(`bench: no card in ${roomId} within ${timeoutMs} ms`);
  }
}

/** A person already created (email, token): waits for their space and the invitation card. */
export async function startRemoteWalker(
  apiUrl: string,
  tap: RoomTap,
  person: { email: string; token: string },
  timeoutMs: number,
): Promise<RemoteWalker> {
  const roomId = await tap.roomOf(person.email, timeoutMs);
  let { card, seen } = await nextCard(apiUrl, person.token, tap, roomId, 0, 0, timeoutMs);
  const steps = [cardStep(card)];
  let repeats = 0;
  let notices = 0;
  return {
    email: person.email,
    roomId,
    steps,
    get repeats() {
      return repeats;
    },
    get notices() {
      return notices;
    },
    get done() {
      return kindOf(card) === 'done';
    },
    async click() {
      if (kindOf(card) !== 'step') return undefined;
      const clicked = card;
      const posted = nowMs();
      // A notice that asks for the click again gets it again (on the same card); one that says
      // the answer is coming is waited out; the time counts until the next step's card.
      for (let kind: CardKind = 'again'; kind !== 'step' && kind !== 'done'; kind = kindOf(card)) {
        if (kind === 'again') {
          const at = nowMs();
          await webexCall(apiUrl, person.token, 'POST', '/attachment/actions', {
            type: 'submit',
            messageId: clicked.id,
            inputs: submissionFor(clicked, roomId.slice(-12)),
          });
          ({ card, seen } = await nextCard(apiUrl, person.token, tap, roomId, seen, at, timeoutMs));
        } else ({ card, seen } = await nextCard(apiUrl, person.token, tap, roomId, seen, posted, timeoutMs));
        if (kindOf(card) !== 'step' && kindOf(card) !== 'done') notices += 1;
      }
      const step = cardStep(card);
      steps.push(step);
      if (step === cardStep(clicked)) repeats += 1;
      const reached = tap.lastSubmission(roomId);
      return {
        client: card.created - posted,
        server: reached === undefined ? undefined : card.created - reached,
      };
    },
  };
}
