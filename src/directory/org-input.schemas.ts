import { z } from 'zod';
import { COUNTRY_CODE_PATTERN } from '../../flows/countries.js';
import { NAME_PROBLEM_MESSAGES, normalizeName, refuseBadName } from '../../flows/name-text.js';
import { isPublicEmailDomain } from './emails.js';

/**
 * zod schemas for organization details arriving from outside (the API, card inputs). Messages are
 * written to be shown next to the field they name.
 */

const text = (what: string) =>
  z.string({ error: (issue) => (issue.input === undefined ? 'is required' : `must be ${what}`) });

export const emailSchema = text('an email address')
  .trim()
  .toLowerCase()
  .max(254, 'must be at most 254 characters')
  .email('must be an email address');

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const emailDomainSchema = text('a domain name')
  .trim()
  .toLowerCase()
  .transform((value) => value.replace(/^@/, ''))
  .pipe(
    z
      .string()
      .regex(DOMAIN, { message: 'must be a domain name such as partner.example', abort: true })
      .refine(
        (value) => !isPublicEmailDomain(value),
        'is a public mail domain; it cannot identify a partner organization',
      ),
  );

/** A Webex organization id (base64 form) or a Control Hub UUID: safe in a URL path as it is. */
export const orgIdSchema = text('an organization id')
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,199}$/, 'must be 1-200 letters, digits, - or _ (an organization id)');

/** An organization's name: mention markup, control and bidi characters refused (see name-text.ts). */
export const orgNameSchema = text('a name')
  .superRefine(refuseBadName(NAME_PROBLEM_MESSAGES))
  .overwrite(normalizeName)
  .min(1, 'must not be empty')
  .max(120, 'must be at most 120 characters');

function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A calendar date `YYYY-MM-DD` that exists (no 2025-02-30). */
export const calendarDateSchema = text('a date')
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date as YYYY-MM-DD', abort: true })
  .refine(isCalendarDate, 'is not a calendar date');

/** ISO 3166-1 alpha-2, upper-cased, and one the countries list knows. */
export function countryCodeSchema(isKnownCountry: (code: string) => boolean) {
  return text('a country code')
    .trim()
    .toUpperCase()
    .regex(COUNTRY_CODE_PATTERN, {
      message: 'must be a two-letter ISO 3166 country code such as HR',
      abort: true,
    })
    .refine(isKnownCountry, 'is not a country where Webex Contact Center can be ordered');
}

export const newPartnerOrgSchema = z.strictObject({
  orgId: orgIdSchema.optional(),
  name: orgNameSchema,
  adminEmail: emailSchema,
  emailDomains: z
    .array(emailDomainSchema, {
      error: (issue) => (issue.input === undefined ? 'is required' : 'must be a list'),
    })
    .min(1, 'must list at least one domain')
    .max(50, 'must list at most 50 domains'),
});

/** The body of a new customer organization; `countryCode` is checked against the injected list. */
export function newCustomerOrgSchema(isKnownCountry: (code: string) => boolean) {
  return z.strictObject({
    orgId: orgIdSchema.optional(),
    name: orgNameSchema,
    adminEmail: emailSchema,
    countryCode: countryCodeSchema(isKnownCountry),
    trial: z.strictObject({ expiresOn: calendarDateSchema, adminEmail: emailSchema.optional() }).optional(),
    partnerOrgId: orgIdSchema.optional(),
  });
}

export type NewPartnerOrgBody = z.infer<typeof newPartnerOrgSchema>;
export type NewCustomerOrgBody = z.infer<ReturnType<typeof newCustomerOrgSchema>>;
