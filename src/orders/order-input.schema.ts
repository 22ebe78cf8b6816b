import { z } from 'zod';
import { NAME_PROBLEM_MESSAGES, normalizeName, refuseBadName } from '../../flows/name-text.js';

/**
 * The shape of a new order, shared by `POST /api/orders` and the bulk import so both reject the
 * same rows with the same words.
 *
 * `offer` says how long the contact has to finish the setup, as Cisco closes the order line:
 * `'a-flex'` (Collaboration Flex Plan A-Flex offers) closes 7 days after the requested start date,
 * `'other'` (every other offer, the default) 30 days after it.
 */

/** Letters, digits, `.`, `_`, `-`; no `:` because order ids are part of outbox keys (`invite:<id>:<n>`). */
export const ORDER_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

import { LOCALES, type Locale } from '../../flows/order-setup.schemas.js';
import { OFFERS, type Offer } from '../../flows/order-view.types.js';

export { OFFERS, type Offer };

/** Days from the requested start date until an unfinished order line closes. */
export const SETUP_WINDOW_DAYS: Record<Offer, number> = { 'a-flex': 7, other: 30 };

export { LOCALES, type Locale };

const required = (what: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'is required' : `must be ${what}`;

/** Ids that name a route under `/api/orders` (matched regardless of case, as express routes are). */
const RESERVED_ORDER_IDS = ['export'];

export const orderIdSchema = z
  .string({ error: required('a string') })
  .regex(ORDER_ID_PATTERN, 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit')
  .refine(
    (value) => !RESERVED_ORDER_IDS.includes(value.toLowerCase()),
    'is reserved (GET /api/orders/export is the CSV export); choose another order id',
  );

/** True for a real calendar date written `YYYY-MM-DD` (no 2025-02-30). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const dateSchema = z
  .string({ error: required('a date written YYYY-MM-DD') })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine(isCalendarDate, 'is not a real calendar date')
  .refine((value) => value >= '2000-01-01' && value <= '2099-12-31', 'must be between 2000 and 2099');

export const emailSchema = z
  .string({ error: required('an email address') })
  .trim()
  .toLowerCase()
  .max(254, 'must be at most 254 characters')
  .email('must be an email address');

/** The canonical name of an IANA time zone (`europe/zagreb` → `Europe/Zagreb`), or undefined. */
export function canonicalTimeZone(value: string): string | undefined {
  // Offsets like "+02:00" are accepted by recent Intl but ignore DST; orders need a real zone.
  if (!/^[A-Za-z][A-Za-z0-9_+/-]*$/.test(value)) return undefined;
  try {
    return new Intl.DateTimeFormat('en', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** A name to show people (partner, customer): cleaned and checked as every name is (name-text.ts). */
const nameText = (max: number) =>
  z
    .string({ error: required('a string') })
    .superRefine(refuseBadName(NAME_PROBLEM_MESSAGES))
    .overwrite(normalizeName)
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

const text = (max: number) =>
  z
    .string({ error: required('a string') })
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters`);

/** The body of `POST /api/orders`; unknown fields are refused so a typo is not silently dropped. */
export const newOrderSchema = z.strictObject({
  orderId: orderIdSchema,
  requestedStartDate: dateSchema,
  provisioningContactEmail: emailSchema,
  partnerName: nameText(200).optional(),
  customerName: nameText(200).optional(),
  offer: z.enum(OFFERS, { error: required(`one of ${OFFERS.join(', ')}`) }).optional(),
  trialOrgId: text(200)
    .regex(/^[A-Za-z0-9._:=/+-]+$/, 'must be an organization id (letters, digits, ._:=/+-)')
    .optional(),
  locale: z.enum(LOCALES, { error: required(`one of ${LOCALES.join(', ')}`) }).optional(),
  timeZone: z
    .string({ error: required('an IANA time zone') })
    .trim()
    .refine(
      (value) => canonicalTimeZone(value) !== undefined,
      'must be an IANA time zone, e.g. Europe/Zagreb',
    )
    .transform((value) => canonicalTimeZone(value) ?? value)
    .optional(),
});

export type NewOrderBody = z.infer<typeof newOrderSchema>;

/** A new order with every default applied: what is stored, and what a replay is compared with. */
export interface NewOrder {
  orderId: string;
  requestedStartDate: string;
  provisioningContactEmail: string;
  partnerName: string | null;
  customerName: string | null;
  offer: Offer;
  trialOrgId: string | null;
  locale: Locale;
  timeZone: string;
}

/** Applies the defaults (offer `other`, the configured locale and time zone). */
export function normalizeNewOrder(
  body: NewOrderBody,
  defaults: { locale: Locale; timeZone: string },
): NewOrder {
  return {
    orderId: body.orderId,
    requestedStartDate: body.requestedStartDate,
    provisioningContactEmail: body.provisioningContactEmail,
    partnerName: body.partnerName ?? null,
    customerName: body.customerName ?? null,
    offer: body.offer ?? 'other',
    trialOrgId: body.trialOrgId ?? null,
    locale: body.locale ?? defaults.locale,
    timeZone: body.timeZone ?? defaults.timeZone,
  };
}

/** Names of the fields whose values differ between two normalized orders. */
export function diffNewOrders(a: NewOrder, b: NewOrder): Array<keyof NewOrder> {
  return NEW_ORDER_FIELDS.filter((key) => a[key] !== b[key]);
}

/** Every field of a new order, in the order the API documents them (also the CSV columns). */
export const NEW_ORDER_FIELDS = [
  'orderId',
  'requestedStartDate',
  'provisioningContactEmail',
  'partnerName',
  'customerName',
  'offer',
  'trialOrgId',
  'locale',
  'timeZone',
] as const satisfies ReadonlyArray<keyof NewOrder>;

export interface InputIssue {
  path: string;
  message: string;
}

/** zod issues as `{ path, message }`, one per unknown field rather than one for all of them. */
export function toInputIssues(error: z.ZodError, prefix?: string): InputIssue[] {
  const join = (parts: PropertyKey[]) =>
    [prefix ?? '', ...parts.map(String)].filter((part) => part !== '').join('.') || '(body)';
  return error.issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ path: join([...issue.path, key]), message: 'is not a known field' }));
    return [{ path: join(issue.path), message: issue.message }];
  });
}
