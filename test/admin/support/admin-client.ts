import { z } from 'zod';
import { submitActions } from '../../support/setup-client.js';
import {
  messageSchema,
  type TestApp,
  type TestPerson,
  type WebexMessage,
  waitFor,
} from '../../support/test-app.js';

/**
 * A person talking to the bot as an administrator would: 1:1 questions answered in order, card
 * buttons, and a group space where the bot is @mentioned.
 */

/** Calls the emulator's Webex API as a person. */
export async function callWebex(app: TestApp, token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${app.emulatorApi}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json: unknown = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** A group space created by `owner`, with the bot and `members` in it; its id. */
export async function createGroupSpace(app: TestApp, owner: TestPerson, title: string, members: string[]) {
  const room = z
    .object({ id: z.string() })
    .parse(await callWebex(app, owner.token, 'POST', '/rooms', { title }));
  const bot = app.emulator?.bot.email;
  if (bot === undefined) throw new Error('no emulator');
  for (const personEmail of [bot, ...members])
    await callWebex(app, owner.token, 'POST', '/memberships', { roomId: room.id, personEmail });
  return room.id;
}

/** The bot's messages in a group space, oldest first, as a member reads them. */
export async function botMessagesIn(
  app: TestApp,
  reader: TestPerson,
  roomId: string,
): Promise<WebexMessage[]> {
  const list = z
    .object({ items: z.array(messageSchema) })
    .parse(
      await callWebex(app, reader.token, 'GET', `/messages?roomId=${encodeURIComponent(roomId)}&max=500`),
    );
  const bot = app.emulator?.bot.email;
  return list.items.filter((message) => message.personEmail === bot).reverse();
}

/** Posts `text` in a group space with an @mention of the bot, as a Webex client writes one. */
export async function mentionBot(app: TestApp, person: TestPerson, roomId: string, text: string) {
  const bot = app.emulator?.bot;
  if (bot === undefined) throw new Error('no emulator');
  await callWebex(app, person.token, 'POST', '/messages', {
    roomId,
    markdown: `<@personEmail:${bot.email}|${bot.displayName}> ${text}`,
  });
}

/** Waits for the bot's next message in a space, after the `seen` it had. */
export async function nextInSpace(app: TestApp, reader: TestPerson, roomId: string, seen: number) {
  return waitFor(`bot message ${seen + 1} in the space`, async () => {
    const messages = await botMessagesIn(app, reader, roomId);
    return messages[seen];
  });
}

export interface Asker {
  /** Says `text` 1:1 and returns the bot's answer (the next message it sends this person). */
  ask(text: string): Promise<WebexMessage>;
  /** Clicks the button of `message` whose data has `admin: name`, and returns the answer. */
  click(message: WebexMessage, name: string, inputs?: Record<string, string>): Promise<WebexMessage>;
}

export async function createAsker(person: TestPerson): Promise<Asker> {
  let seen = (await person.messagesFromBot()).length;
  const next = async () => {
    const messages = await person.waitForMessages(seen + 1);
    const message = messages[seen];
    if (message === undefined) throw new Error('message vanished');
    seen += 1;
    return message;
  };
  return {
    async ask(text) {
      await person.say(text);
      return next();
    },
    async click(message, name, inputs = {}) {
      const data = submitActions(message.attachments?.[0]?.content).find((a) => a.data?.admin === name)?.data;
      if (data === undefined) throw new Error(`no ${name} button on "${message.text?.slice(0, 60)}"`);
      await person.submit(message.id, { ...inputs, ...data });
      return next();
    },
  };
}

/** The order ids an order list names, in the order shown. */
export function listedIds(message: WebexMessage): string[] {
  return (message.text ?? '').split('\n').flatMap((line) => /^- (\S+)/.exec(line)?.[1] ?? []);
}

/** What a person can compare of two answers: the text and the card. */
export function answerShape(message: WebexMessage) {
  // Without the marker every message's card carries of its own (`wxccMessageKey`).
  const { wxccMessageKey: _marker, ...card } = message.attachments?.[0]?.content ?? {};
  return { text: message.text, card };
}

/** The order ids of a `GET /api/orders` answer, in the order listed (newest activity first). */
export function orderIdsOf(response: { body: unknown }): string[] {
  return z
    .object({ items: z.array(z.looseObject({ orderId: z.string() })) })
    .parse(response.body)
    .items.map((order) => order.orderId);
}
