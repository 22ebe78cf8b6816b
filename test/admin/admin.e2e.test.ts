import { beforeAll, describe, expect, it } from 'vitest';
import { startSetup, waitForOrder, walkTo } from '../conversation/conversation-fixture.js';
import { type TestPerson, waitFor } from '../support/test-app.js';
import { useTestApp, useTestAppInstances, useTestDatabase } from '../support/use-test-app.js';
import {
  type Asker,
  answerShape,
  botMessagesIn,
  createAsker,
  createGroupSpace,
  listedIds,
  mentionBot,
  orderIdsOf,
} from './support/admin-client.js';

/**
 * The administrators' commands on the whole bot in local mode: the in-process Webex emulator, the
 * real framework over HTTP, the real driver on a database of its own. `ADMIN_ROOM_ID` names a
 * group space made in the emulator, so the app is started once to make it and again to use it.
 */

const ADMIN = 'ops@example.com';
const LEAD = 'lead@example.com';
const DAY_MS = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

let roomId: string;
let admin: Asker;
let adminPerson: TestPerson;
let lead: TestPerson;
const database = useTestDatabase({ label: 'admin' });
const instances = useTestAppInstances({ database, people: [ADMIN, LEAD] });
beforeAll(async () => {
  const first = await instances.start();
  const owner = await first.person(ADMIN);
  roomId = await createGroupSpace(first, owner, 'Order administrators', [LEAD]);
  await instances.stop(first);
});
const app = useTestApp({ database, admins: [ADMIN], env: () => ({ ADMIN_ROOM_ID: roomId }) });

/** One order in every status, by that status. */
const ORDERS = {
  scheduled: 'ADM-SCHEDULED',
  cancelled: 'ADM-CANCELLED',
  expired: 'ADM-EXPIRED',
  invited: 'ADM-INVITED',
  in_progress: 'ADM-PROGRESS',
  needs_attention: 'ADM-ATTENTION',
  completed: 'ADM-DONE',
} as const;

async function placeOrder(orderId: string, contact: string, requestedStartDate: string) {
  const created = await app.callApi('POST', '/orders', {
    orderId,
    requestedStartDate,
    provisioningContactEmail: contact,
    partnerName: 'Northwind',
    customerName: 'Novi Kupac',
  });
  expect(created.status).toBe(201);
}

/**
 * An order whose setup window closed while it waited. One created that late is refused, so it is
 * created in time and its dates are then moved back, as the passing of its 30 days would have.
 */
async function placeExpiredOrder(orderId: string, contact: string) {
  await placeOrder(orderId, contact, day(20));
  const start = day(-60);
  await app.storage.db.collection<{ _id: string }>('orders').updateOne(
    { _id: orderId },
    {
      $set: {
        requestedStartDate: start,
        'input.requestedStartDate': start,
        dueAt: new Date(`${start}T00:00:00Z`),
        deadlineAt: new Date(`${day(-30)}T00:00:00Z`),
        inviteDueAt: null,
      },
    },
  );
  await app.runSchedulerOnce();
}

beforeAll(async () => {
  adminPerson = await app.person(ADMIN);
  lead = await app.person(LEAD);
  admin = await createAsker(adminPerson);

  // One order in every status.
  await placeOrder(ORDERS.scheduled, 'later@partner.example', day(20));
  await placeOrder(ORDERS.cancelled, 'later@partner.example', day(20));
  expect((await app.callApi('PATCH', `/orders/${ORDERS.cancelled}`, { status: 'cancelled' })).status).toBe(
    200,
  );
  await placeExpiredOrder(ORDERS.expired, 'gone@partner.example');
  const invitedContact = await app.person('invited@partner.example');
  await placeOrder(ORDERS.invited, invitedContact.email, day(0));
  await startSetup(app, 'progress@partner.example', ORDERS.in_progress);
  const wrong = await startSetup(app, 'wrong@partner.example', ORDERS.needs_attention);
  const partnerCard = await walkTo(wrong.client, wrong.role, 'partnerOrg');
  await wrong.client.click(partnerCard, { action: 'next', choice: 'notCorrect' });
  const done = await startSetup(app, 'done@partner.example', ORDERS.completed);
  const review = await walkTo(done.client, done.role, 'review');
  await done.client.click(review, { action: 'next', choice: 'confirm' });
  for (const [status, orderId] of Object.entries(ORDERS))
    await waitForOrder(app, orderId, status, (order) => order.status === status);
}, 120_000);

describe('administrators through the emulator', () => {
  it('list the administrator commands in help for members of the administrators space too', async () => {
    const asked = async (person: TestPerson) => {
      const before = (await person.messagesFromBot()).length;
      await person.say('help');
      const messages = await person.waitForMessages(before + 1);
      return messages.at(-1)?.text ?? '';
    };
    expect(await asked(lead)).toContain('Administrator commands');
    expect(await asked(await app.person('just.partner@partner.example'))).not.toContain(
      'Administrator commands',
    );
  });

  it('get the status of orders in every status', async () => {
    const labels: Record<string, string> = {
      scheduled: 'Scheduled',
      invited: 'Invited',
      in_progress: 'In progress',
      needs_attention: 'Needs attention',
      completed: 'Completed',
      expired: 'Expired',
      cancelled: 'Cancelled',
    };
    for (const [status, orderId] of Object.entries(ORDERS)) {
      const answer = await admin.ask(`status ${orderId}`);
      expect(answer.text).toContain(`Order ${orderId}`);
      expect(answer.text).toContain(`Status: ${labels[status]}`);
      expect(answer.attachments?.[0]?.content.version).toBe('1.3');
    }
    const stuck = await admin.ask(`STATUS ${ORDERS.needs_attention}`);
    expect(stuck.text).toContain('Reason: the partner said the partner organization details are wrong');
    expect(stuck.text).toContain('Step: 3 of 7: Partner organization');
  });

  it('let a partner see their own order and nothing of another', async () => {
    const partner = await createAsker(await app.person('progress@partner.example'));
    const own = await partner.ask(`status ${ORDERS.in_progress}`);
    expect(own.text).toContain(`Order ${ORDERS.in_progress}`);
    expect(own.attachments?.[0]?.content.actions).toBeUndefined();
    const other = await partner.ask(`status ${ORDERS.completed}`);
    const missing = await partner.ask('status ADM-NO-SUCH-ORDER');
    const swap = (text: string | undefined) =>
      text?.replaceAll(ORDERS.completed, 'ID').replaceAll('ADM-NO-SUCH-ORDER', 'ID');
    expect(swap(other.text)).toBe(swap(missing.text));
    expect(other.text).toContain(`I cannot find order ${ORDERS.completed}`);
    expect((await partner.ask('orders')).text).toContain('Only administrators can list orders.');
  });

  it('tell a stranger exactly what they would hear about an order that does not exist', async () => {
    const stranger = await createAsker(await app.person('stranger@elsewhere.example'));
    const before = await stranger.ask('status ADM-LATE');
    await placeOrder('ADM-LATE', 'later@partner.example', day(30));
    const after = await stranger.ask('status ADM-LATE');
    expect(after.text).toContain('I cannot find order ADM-LATE');
    expect(answerShape(after)).toEqual(answerShape(before));
  });

  it('page through more orders than fit on one card', async () => {
    for (let i = 0; i < 6; i += 1) await placeOrder(`ADM-PAGE-${i}`, 'later@partner.example', day(40));
    const all = orderIdsOf(await app.callApi('GET', '/orders?limit=100'));
    expect(all.length).toBeGreaterThan(10);
    const first = await admin.ask('orders');
    expect(listedIds(first)).toEqual(all.slice(0, 10));
    const second = await admin.click(first, 'orders');
    expect(listedIds(second)).toEqual(all.slice(10, 20));
    expect((await admin.ask('orders page 2')).text).toBe(second.text);
  });

  it('report counts that match the orders created', async () => {
    const all = orderIdsOf(await app.callApi('GET', '/orders?limit=100'));
    const report = await admin.ask('report');
    expect(report.text).toContain(`${all.length} orders; 1 completed.`);
    expect(report.text).toMatch(/Completed\s+\S+ 1\n/);
    expect(report.text).toMatch(/Needs attention\s+\S+ 1\n/);
    expect(report.text).toMatch(/Cancelled\s+\S+ 1\n/);
    const scheduled = all.length - 6;
    expect(report.text).toMatch(new RegExp(`Scheduled\\s+\\S+ ${scheduled}\\n`));
  });

  it('answer in the administrators space, where the alerts arrive too', async () => {
    const seen = (await botMessagesIn(app, lead, roomId)).length;
    await mentionBot(app, lead, roomId, 'attention');
    const answer = await waitFor('the attention list in the space', async () =>
      (await botMessagesIn(app, lead, roomId))
        .slice(seen)
        .find((m) => m.text?.startsWith('Orders that need attention')),
    );
    expect(listedIds(answer)).toEqual([ORDERS.needs_attention]);
    const texts = (await botMessagesIn(app, adminPerson, roomId)).map((message) => message.text ?? '');
    expect(
      texts.some((text) => text.includes('needs attention') && text.includes(ORDERS.needs_attention)),
    ).toBe(true);
    expect(texts.some((text) => text.includes('setup completed') && text.includes(ORDERS.completed))).toBe(
      true,
    );
  });

  it('reassign a setup to another person, who gets the current step', async () => {
    const newOwner = await app.person('new.owner@partner.example');
    const answer = await admin.ask(`reassign ${ORDERS.in_progress} ${newOwner.email}`);
    expect(answer.text).toContain('moved from progress@partner.example to new.owner@partner.example');
    const [step] = await newOwner.waitForMessages(1);
    expect(step).toBeDefined();
    const order = await waitForOrder(app, ORDERS.in_progress, 'owner reassigned', (o) =>
      o.history.some((entry) => entry.action === 'owner_reassigned'),
    );
    expect(order.setup?.ownerEmail).toBe(newOwner.email);
  });

  it('remind the owner of the current step, recorded in the history', async () => {
    // After the reassignment above, the setup is with the new owner.
    const owner = await app.person('new.owner@partner.example');
    const before = (await owner.messagesFromBot()).length;
    const answer = await admin.ask(`remind ${ORDERS.in_progress}`);
    expect(answer.text).toContain(
      `I sent new.owner@partner.example the current step of order ${ORDERS.in_progress} again.`,
    );
    const messages = await owner.waitForMessages(before + 1);
    expect(messages.at(-1)?.text).toContain('Step 1 of 7');
    const order = await waitForOrder(app, ORDERS.in_progress, 'reminded', (o) =>
      o.history.some((entry) => entry.action === 'reminded'),
    );
    expect(order.history.findLast((entry) => entry.action === 'reminded')).toMatchObject({
      by: ADMIN,
      details: { to: 'new.owner@partner.example' },
    });
  });

  it('remind an invited contact who has not started with the invitation again', async () => {
    const contact = await app.person('invited@partner.example');
    const before = (await contact.messagesFromBot()).length;
    const answer = await admin.ask(`remind ${ORDERS.invited}`);
    expect(answer.text).toContain(
      `I sent invited@partner.example the invitation to order ${ORDERS.invited} again.`,
    );
    const messages = await contact.waitForMessages(before + 1);
    expect(messages.at(-1)?.text).toContain(ORDERS.invited);
  });

  it('refuse remind and reassign of closed orders, and answer unknown ids', async () => {
    expect((await admin.ask(`remind ${ORDERS.completed}`)).text).toContain(
      'is Completed: there is nothing to remind',
    );
    expect((await admin.ask(`reassign ${ORDERS.expired} x@partner.example`)).text).toContain(
      'is Expired: its setup cannot move any more',
    );
    expect((await admin.ask('remind ADM-NOPE')).text).toContain('I cannot find order ADM-NOPE');
  });
});
