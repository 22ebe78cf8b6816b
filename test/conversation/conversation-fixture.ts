import { z } from 'zod';
import { createSetupsRepository, type SetupDocument } from '../../src/storage/setups.repository.js';
import { type TestApp, waitFor } from '../support/test-app.js';

// Other test folders import the walking helpers from here; they live in `setup-walk.ts`.
export {
  cardWords,
  placeOrder,
  type StartedSetup,
  type StepAnswers,
  startSetup,
  takeMessages,
  walkTo,
} from './setup-walk.js';

/**
 * What the conversation scenarios read back: the order as the API shows it, the stored setup
 * envelope, and what was queued to the outbox.
 */

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

/** Unique, readable ids per test, so scenarios never share orders or people. */
export function uniqueSuffix(): string {
  return Math.random().toString(36).slice(2, 8);
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
