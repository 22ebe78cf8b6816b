import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAdminDirectory } from '../../src/admin/admin-access.js';
import { createAdminCommands, type RemindResult } from '../../src/admin/admin-commands.js';
import { createBotRoutes, type SetupHandlers } from '../../src/bot/bot.routes.js';
import type { EventRoutes } from '../../src/bot/event.router.js';
import { createSilentLogger } from '../../src/log/logger.js';
import { newOrderSchema } from '../../src/orders/order-input.schema.js';
import type { ReassignResult } from '../../src/setups/setup-operations.js';
import { createDirectoryRepository } from '../../src/storage/directory.repository.js';
import { createSetupsRepository } from '../../src/storage/setups.repository.js';
import type { IncomingCardSubmit, IncomingText } from '../../src/webex/gateway.js';
import { orderBody, useOrdersHarness } from '../orders/support/orders-harness.js';

/**
 * The administrators' commands on the real orders service and storage (embedded MongoDB unless
 * MONGODB_URI is set), answering through the real outbox, reached through the bot's routes.
 * Reassigning a started setup and re-sending a step belong to the conversation; here they are
 * recorded calls, and the setup's handlers answer nothing.
 */

const ADMIN = 'ops@example.com';
const ROOM_MEMBER = 'lead@example.com';
const ADMIN_ROOM = 'admin-room';
const CONTACT = 'contact@partner.example';

const h = useOrdersHarness('admin');
let routes: EventRoutes;
const reassignCalls: Array<[string, string, string]> = [];
const remindCalls: Array<[string, string]> = [];
const resolveCalls: Array<[string, string]> = [];

beforeAll(async () => {
  const setups = createSetupsRepository(h.storage.db);
  await setups.ensureIndexes();
  const access = createAdminDirectory({
    adminEmails: [ADMIN],
    adminRoomId: ADMIN_ROOM,
    listRoomMemberEmails: async () => [ROOM_MEMBER],
    now: h.clock.now,
    logger: createSilentLogger(),
  });
  const admin = createAdminCommands({
    orders: h.service,
    setups,
    claims: createDirectoryRepository(h.storage.db).claims,
    outbox: h.deps.outbox,
    access,
    adminRoomId: ADMIN_ROOM,
    reassign: async (orderId, email, by): Promise<ReassignResult> => {
      reassignCalls.push([orderId, email, by]);
      const setup = await setups.load(orderId);
      return setup === undefined
        ? { kind: 'no_setup' }
        : { kind: 'reassigned', from: setup.ownerEmail, to: email };
    },
    resolve: async (orderId, by) => {
      resolveCalls.push([orderId, by]);
      return { kind: 'no_setup' };
    },
    remind: async (orderId, by): Promise<RemindResult> => {
      remindCalls.push([orderId, by]);
      return { kind: 'reminded', to: CONTACT, what: 'invitation' };
    },
    now: h.clock.now,
    logger: createSilentLogger(),
  });
  routes = createBotRoutes({ admin, setup: silentSetup, access });
  // One setup owned by a colleague, as a hand-off leaves it.
  await createOrder({ orderId: 'HANDED' });
  await setups.commit(
    {
      kind: 'create',
      doc: {
        _id: 'HANDED',
        machineId: 'orderSetup',
        version: 1,
        snapshotJson: '{}',
        ownerEmail: 'colleague@partner.example',
        step: 'company',
        status: 'active',
        createdAt: h.clock.now(),
        updatedAt: h.clock.now(),
      },
    },
    [],
    h.clock.now(),
    h.deps.owners.id,
  );
});

const answerNothing = async () => {};
const silentSetup: SetupHandlers = {
  handleSubmit: answerNothing,
  replyHelp: answerNothing,
  replyNotUnderstoodInGroup: answerNothing,
  resume: answerNothing,
  confirmRestart: answerNothing,
  showStatus: answerNothing,
  answerOtherText: answerNothing,
};

/** Runs the route the event matches; whether it was one of the administrators' routes. */
async function route(event: IncomingText | IncomingCardSubmit): Promise<boolean> {
  const matched = routes.find(event);
  if (matched === undefined) throw new Error('no route matched');
  await matched.run();
  return matched.name.startsWith('admin ');
}

async function createOrder(overrides: Record<string, unknown> = {}) {
  h.clock.advance(60_000);
  const result = await h.service.createOrder(newOrderSchema.parse(orderBody(overrides)), 'api');
  if (result.kind === 'window_closed') throw new Error('the test order was refused: its window closed');
  return result.order;
}

interface Answer {
  target: unknown;
  text: string;
  card: { actions?: Array<{ data: Record<string, unknown> }> } & Record<string, unknown>;
}

async function answersTo(eventKey: string): Promise<Answer[]> {
  const items = (await h.outboxItems()).filter((item) => item._id.startsWith(`reply:${eventKey}:`));
  return items.map((item) => ({ target: item.target, ...JSON.parse(item.payloadJson) }));
}

async function say(
  person: string,
  text: string,
  room: { id: string; type: 'direct' | 'group' } = { id: `dm-${person}`, type: 'direct' },
) {
  const event: IncomingText = {
    kind: 'text',
    messageId: randomUUID(),
    roomId: room.id,
    roomType: room.type,
    personId: `id-${person}`,
    personEmail: person,
    text,
  };
  const handled = await route(event);
  return { handled, answers: await answersTo(`text:${event.messageId}`) };
}

async function click(person: string, inputs: Record<string, unknown>, roomId = `dm-${person}`) {
  const event: IncomingCardSubmit = {
    kind: 'cardSubmit',
    actionId: randomUUID(),
    messageId: randomUUID(),
    roomId,
    personId: `id-${person}`,
    personEmail: person,
    inputs,
  };
  const handled = await route(event);
  return { handled, answers: await answersTo(`submit:${event.actionId}`) };
}

const only = (answers: Answer[]) => {
  expect(answers).toHaveLength(1);
  const [answer] = answers;
  if (answer === undefined) throw new Error('no answer');
  return answer;
};

describe('status', () => {
  it('shows an administrator any order, 1:1', async () => {
    const order = await createOrder({ partnerName: 'Partner d.o.o.' });
    const { handled, answers } = await say(ADMIN, `status ${order.orderId}`);
    expect(handled).toBe(true);
    const answer = only(answers);
    expect(answer.target).toEqual({ toPersonEmail: ADMIN });
    expect(answer.text).toContain(`Order ${order.orderId}`);
    expect(answer.text).toContain('Partner: Partner d.o.o.');
    expect(answer.card.version).toBe('1.3');
  });

  it('counts members of the administrators space as administrators', async () => {
    const order = await createOrder();
    expect(only((await say(ROOM_MEMBER, `status ${order.orderId}`)).answers).text).toContain('Current owner');
  });

  it('shows partners their own orders, as contact or as setup owner, without buttons', async () => {
    const own = await createOrder();
    const asContact = only((await say(CONTACT, `status ${own.orderId}`)).answers);
    expect(asContact.text).toContain(`Order ${own.orderId}`);
    expect(asContact.card.actions).toBeUndefined();
    const asOwner = only((await say('colleague@partner.example', 'status HANDED')).answers);
    expect(asOwner.text).toContain('Order HANDED');
  });

  it('tells anyone else exactly what it tells about an order that does not exist', async () => {
    const before = only((await say('stranger@elsewhere.example', 'status SECRET-1')).answers);
    await createOrder({ orderId: 'SECRET-1' });
    const after = only((await say('stranger@elsewhere.example', 'status SECRET-1')).answers);
    const otherPartner = only((await say('other@partner2.example', 'status SECRET-1')).answers);
    expect(after).toEqual(before);
    expect(otherPartner).toEqual({ ...before, target: { toPersonEmail: 'other@partner2.example' } });
    expect(before.text).toContain('I cannot find order SECRET-1');
  });

  it('answers `status` alone with the person own setup, or how to ask', async () => {
    expect(only((await say('colleague@partner.example', 'status')).answers).text).toContain('Order HANDED');
    expect(only((await say('nobody@partner.example', 'status')).answers).text).toContain(
      'You have no order setup',
    );
    expect(only((await say(ADMIN, 'Status')).answers).text).toContain('Type: status <order id>');
  });
});

describe('administrator-only commands', () => {
  it.each([
    'orders',
    'attention',
    'report',
    'remind HANDED',
    'reassign HANDED a@b.example',
    'reassign',
    'orders nonsense',
  ])('refuse %j to a partner politely, saying nothing about orders', async (text) => {
    const answer = only((await say(CONTACT, text)).answers);
    expect(answer.text).toMatch(/^Only administrators\nOnly administrators can /);
    expect(answer.text).not.toContain('HANDED');
  });

  it('leave other text to the setup commands', async () => {
    for (const text of ['help', 'resume', 'hello'])
      expect(await say(ADMIN, text)).toEqual({ handled: false, answers: [] });
  });

  it('answer malformed commands with the right form', async () => {
    const answer = only((await say(ADMIN, 'reassign HANDED not-an-email')).answers);
    expect(answer.text).toBe(
      'Try it this way\n"not-an-email" is not an email address.\nType: reassign <order id> <email>',
    );
  });
});

describe('orders', () => {
  it('pages through every order, newest activity first, by button and by typed page', async () => {
    for (let i = 0; i < 22; i += 1) await createOrder({ orderId: `PAGE-${String(i).padStart(2, '0')}` });
    const all = (await h.service.listOrders({}, { limit: 1000 })).items.map((order) => order.orderId);
    const seen: string[] = [];
    let answer = only((await say(ADMIN, 'orders')).answers);
    for (let page = 1; ; page += 1) {
      const ids = answer.text.split('\n').flatMap((line) => /^- (\S+)/.exec(line)?.[1] ?? []);
      expect(ids.length).toBeLessThanOrEqual(10);
      seen.push(...ids);
      const next = answer.card.actions?.find((action) => action.data.admin === 'orders');
      if (next === undefined) break;
      expect(next.data.page).toBe(page + 1);
      answer = only((await click(ADMIN, next.data)).answers);
    }
    expect(seen).toEqual(all);
    const typed = only((await say(ADMIN, 'orders page 2')).answers);
    expect(typed.text.split('\n').flatMap((line) => /^- (\S+)/.exec(line)?.[1] ?? [])).toEqual(
      all.slice(10, 20),
    );
  });

  it('filters by status and lists the orders that need attention with their reason', async () => {
    const stuck = await createOrder();
    await h.service.markSetupStarted(stuck.orderId, CONTACT);
    await h.service.markNeedsAttention(stuck.orderId, 'trial_expired', CONTACT);
    const listed = only((await say(ADMIN, 'orders needs-attention')).answers);
    expect(listed.text).toContain(`- ${stuck.orderId}`);
    expect(listed.text).not.toContain('- HANDED');
    const attention = only((await say(ADMIN, 'attention')).answers);
    expect(attention.text).toContain(`- ${stuck.orderId}`);
    expect(attention.text).toContain('the trial this order maps to has expired');
  });
});

describe('report', () => {
  it('counts the orders by stage and status', async () => {
    const counts = await h.service.countByStatus();
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    const answer = only((await say(ADMIN, 'report')).answers);
    expect(answer.text).toContain(`${total} orders; ${counts.completed} completed.`);
    expect(answer.text).toMatch(new RegExp(`Needs attention\\s+\\S+ ${counts.needs_attention}\\n`));
    expect(answer.text).toMatch(new RegExp(`Scheduled\\s+\\S+ ${counts.scheduled}\\n`));
  });
});

describe('remind and reassign', () => {
  it('reassigns a started setup through the conversation, as the administrator', async () => {
    const answer = only((await say(ADMIN, 'reassign HANDED New.Owner@Partner.example')).answers);
    expect(reassignCalls.at(-1)).toEqual(['HANDED', 'new.owner@partner.example', ADMIN]);
    expect(answer.text).toContain('moved from colleague@partner.example to new.owner@partner.example');
  });

  it('moves an order whose setup has not started by changing its contact, recorded in its history', async () => {
    const order = await createOrder({ requestedStartDate: '2025-09-01' });
    const { answers } = await click(ADMIN, {
      admin: 'reassign',
      orderId: order.orderId,
      reassignEmail: 'next@partner.example',
    });
    expect(only(answers).text).toContain('next@partner.example is now its provisioning contact');
    const changed = await h.service.getOrder(order.orderId);
    expect(changed?.provisioningContactEmail).toBe('next@partner.example');
    expect(changed?.history.at(-1)).toMatchObject({ action: 'contact_changed', by: ADMIN });
  });

  it('re-sends the current step of an invited order, and explains why a scheduled one has nothing to remind', async () => {
    const invited = await createOrder({ requestedStartDate: '2025-06-01' });
    await h.deliverOutbox();
    expect((await h.service.getOrder(invited.orderId))?.status).toBe('invited');
    expect(only((await say(ADMIN, `remind ${invited.orderId}`)).answers).text).toContain(
      `I sent ${CONTACT} the invitation`,
    );
    expect(remindCalls.at(-1)).toEqual([invited.orderId, ADMIN]);
    const later = await createOrder({ requestedStartDate: '2025-09-01' });
    expect(only((await say(ADMIN, `remind ${later.orderId}`)).answers).text).toContain(
      'the invitation has not gone out yet',
    );
    expect(remindCalls.at(-1)?.[0]).not.toBe(later.orderId);
  });

  it('answers an unknown order id', async () => {
    expect(only((await say(ADMIN, 'remind NOPE')).answers).text).toContain('I cannot find order NOPE');
  });
});

describe('where answers go', () => {
  it('answers in the administrators space when asked there', async () => {
    const answer = only(
      (await say('anyone@example.com', 'report', { id: ADMIN_ROOM, type: 'group' })).answers,
    );
    expect(answer.target).toEqual({ roomId: ADMIN_ROOM });
  });

  it('answers privately, with a note in the space, when asked in another group space', async () => {
    const { answers } = await say(ADMIN, 'status HANDED', { id: 'team-room', type: 'group' });
    expect(answers.map((answer) => answer.target)).toEqual([
      { toPersonEmail: ADMIN },
      { roomId: 'team-room' },
    ]);
    expect(answers[1]?.text).toContain('I sent you the answer in our 1:1 space.');
  });
});
