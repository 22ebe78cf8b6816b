import { cardOf, cardText, driveSetup, type SetupDriver, stepOf } from '../support/setup-client.js';
import type { TestApp, TestPerson, WebexMessage } from '../support/test-app.js';

/**
 * Shared steps of the conversation scenarios, as a person in a Webex client takes them: place an
 * order, open its invitation, walk the steps with ordinary answers, read what the cards say.
 */

const today = () => new Date().toISOString().slice(0, 10);

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
