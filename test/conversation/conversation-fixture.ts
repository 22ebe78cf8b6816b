import { z } from 'zod';
import { createSetupsRepository, type SetupDocument } from '../../src/storage/setups.repository.js';
import { cardOf, cardText, driveSetup, type SetupDriver, stepOf } from '../support/setup-client.js';
import { type TestApp, type TestPerson, type WebexMessage, waitFor } from '../support/test-app.js';

/**
 * Shared steps of the conversation scenarios: place an order, open its invitation, walk the steps
 * with ordinary answers, and read back what the bot stored (the setup envelope and the order).
 */

const today = () => new Date().toISOString().slice(0, 10);

const orderSchema = z.looseObject({
  orderId: z.string(),
  status: z.string(),
  statusReason: z.string().nullable(),
  provisioningContactEmail: z.string(),
  setup: z
    .object({ step: z.string(), stepNumber: z.number(), totalSteps: z.number(), ownerEmail: z.string() })
    .nullable(),
  history: z.array(
    z.looseObject({ action: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
  ),
});
export type OrderBody = z.infer<typeof orderSchema>;

/** Creates an order due today for `contact`; `extra` adds fields of `POST /api/orders`. */
export async function placeOrder(
  app: TestApp,
  orderId: string,
  contact: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  const created = await app.callApi('POST', '/orders', {
    orderId,
    requestedStartDate: today(),
    provisioningContactEmail: contact,
    customerName: 'Novi Kupac',
    partnerName: 'Northwind',
    ...extra,
  });
  if (created.status !== 201) throw new Error(`order not created: ${JSON.stringify(created.body)}`);
}

export async function getOrder(app: TestApp, orderId: string): Promise<OrderBody> {
  const response = await app.callApi('GET', `/orders/${encodeURIComponent(orderId)}`);
  return orderSchema.parse(response.body);
}

/** Waits until the order satisfies `check` (the conversation updates it after each transition). */
export async function waitForOrder(
  app: TestApp,
  orderId: string,
  what: string,
  check: (order: OrderBody) => boolean,
): Promise<OrderBody> {
  return waitFor(`order ${orderId}: ${what}`, async () => {
    const order = await getOrder(app, orderId);
    return check(order) ? order : undefined;
  });
}

/** The stored setup envelope, as the repository reads it. */
export async function loadSetup(app: TestApp, orderId: string): Promise<SetupDocument | undefined> {
  return createSetupsRepository(app.storage.db).load(orderId);
}

export async function mustLoadSetup(app: TestApp, orderId: string): Promise<SetupDocument> {
  const doc = await loadSetup(app, orderId);
  if (doc === undefined) throw new Error(`no setup stored for ${orderId}`);
  return doc;
}

const answersSchema = z.looseObject({
  context: z.looseObject({
    ownerEmail: z.string(),
    locale: z.string(),
    answers: z.looseObject({
      role: z.string().nullable(),
      customerAdminEmail: z.string().nullable(),
      company: z.looseObject({ name: z.string(), countryCode: z.string() }).nullable(),
    }),
  }),
});

/** The context of the stored snapshot (owner, locale, answers so far). */
export function storedContext(doc: SetupDocument) {
  return answersSchema.parse(JSON.parse(doc.snapshotJson)).context;
}

/** Waits until the stored envelope has no effects left to apply (they all reached the outbox). */
export async function waitForSettled(app: TestApp, orderId: string): Promise<SetupDocument> {
  return waitFor(`setup ${orderId} settled`, async () => {
    const doc = await loadSetup(app, orderId);
    return doc !== undefined && doc.pendingEffects.length === 0 ? doc : undefined;
  });
}

export interface StartedSetup {
  person: TestPerson;
  client: SetupDriver;
  invitation: WebexMessage;
  role: WebexMessage;
}

/** Creates the person and the order, waits for the invitation, clicks Set up now: step 1. */
export async function startSetup(
  app: TestApp,
  email: string,
  orderId: string,
  extra: Record<string, unknown> = {},
): Promise<StartedSetup> {
  const person = await app.person(email);
  const client = await driveSetup(person);
  await placeOrder(app, orderId, email, extra);
  const invitation = await client.next();
  if (!(invitation.text ?? '').includes(orderId)) throw new Error(`not an invitation: ${invitation.text}`);
  await client.click(invitation, { action: 'start' });
  const role = await client.nextStep('role');
  return { person, client, invitation, role };
}

/** Ordinary answers for each step, overridable per scenario. */
export interface StepAnswers {
  customerAdminEmail: string;
  companyName: string;
  countryCode: string;
  orgChoice: 'new' | 'existing';
}

export const STEP_TARGETS = ['whoSetsUp', 'partnerOrg', 'customerAdmin', 'company', 'customerOrg', 'review'];

/**
 * From the role card, answers as a partner who sets up themselves with an existing partner
 * organization, until the card of `target` arrives; returns that card.
 */
export async function walkTo(
  client: SetupDriver,
  role: WebexMessage,
  target: (typeof STEP_TARGETS)[number],
  answers: Partial<StepAnswers> = {},
): Promise<WebexMessage> {
  const a: StepAnswers = {
    customerAdminEmail: 'it.admin@novikupac.example',
    companyName: 'Novi Kupac d.o.o.',
    countryCode: 'HR',
    orgChoice: 'new',
    ...answers,
  };
  let card = role;
  const clicks: Record<string, () => Promise<void>> = {
    role: () => client.click(card, { action: 'next', choice: 'partner' }),
    whoSetsUp: () => client.click(card, { action: 'next', choice: 'me' }),
    partnerOrg: () => client.click(card, { action: 'next', choice: 'correct' }),
    customerAdmin: () => client.click(card, { action: 'next' }, { customerAdminEmail: a.customerAdminEmail }),
    company: () =>
      client.click(card, { action: 'next' }, { companyName: a.companyName, countryCode: a.countryCode }),
    customerOrg: () => client.click(card, { action: 'next' }, { orgChoice: a.orgChoice }),
  };
  for (;;) {
    const step = stepOf(card);
    if (step === target) return card;
    const click = step === undefined ? undefined : clicks[step];
    if (click === undefined) throw new Error(`cannot walk past "${step}" (${cardText(card).slice(0, 80)})`);
    await click();
    card = await client.next();
  }
}

/** Unique, readable ids per test, so scenarios never share orders or people. */
export function uniqueSuffix(): string {
  return Math.random().toString(36).slice(2, 8);
}

/**
 * Everything a person reads on a card: text blocks, facts ("title: value"), and the values
 * prefilled in inputs ("input <id>=<value>"), one per line.
 */
export function cardWords(message: WebexMessage): string {
  const lines: string[] = [];
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return;
    const record: Record<string, unknown> = { ...node };
    const type = text(record.type);
    if (type === 'TextBlock' && text(record.text) !== undefined) lines.push(String(record.text));
    if (type === undefined && text(record.title) !== undefined && text(record.value) !== undefined)
      lines.push(`${String(record.title)}: ${String(record.value)}`);
    if (type?.startsWith('Input.') && text(record.id) !== undefined && text(record.value) !== undefined)
      lines.push(`input ${String(record.id)}=${String(record.value)}`);
    Object.values(record).forEach(walk);
  };
  walk(cardOf(message));
  return lines.join('\n');
}

/** The next `count` messages, in whatever order they arrived (the outbox sends in parallel). */
export async function takeMessages(client: SetupDriver, count: number): Promise<WebexMessage[]> {
  const messages: WebexMessage[] = [];
  for (let i = 0; i < count; i += 1) messages.push(await client.next());
  return messages;
}

/** Keys of everything queued to the outbox about an order (messages, replies, notifications). */
export async function outboxKeys(app: TestApp, orderId: string): Promise<string[]> {
  const docs = await app.storage.db
    .collection('outbox')
    .find({ 'purpose.orderId': orderId })
    .project({ _id: 1 })
    .toArray();
  return z
    .array(z.object({ _id: z.string() }))
    .parse(docs)
    .map((doc) => doc._id)
    .sort();
}
