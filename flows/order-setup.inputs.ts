import { z } from 'zod';
import { type FieldErrors, toFieldErrorKey } from './order-setup.errors.js';
import { companyNameSchema } from './order-setup.events.js';
import { emailSchema } from './order-setup.schemas.js';

/**
 * Input ids of the step cards and the zod schemas of what each step's card submits. Ids never
 * collide with the action envelope keys (orderId, step, rev, action, choice, locale). Schemas
 * trim, lower-case emails, cap lengths, and ignore unknown keys (zod objects strip them).
 */
export const INPUT_IDS = {
  handoffEmail: 'handoffEmail',
  partnerAdminEmail: 'partnerAdminEmail',
  partnerCompanyName: 'partnerCompanyName',
  customerAdminEmail: 'customerAdminEmail',
  companyName: 'companyName',
  countryCode: 'countryCode',
  orgChoice: 'orgChoice',
} as const;
export type InputId = keyof typeof INPUT_IDS;

export const handOffInputSchema = z.object({ handoffEmail: emailSchema });
export const partnerOrgInputSchema = z.object({
  partnerAdminEmail: emailSchema,
  partnerCompanyName: companyNameSchema,
});
export const customerAdminInputSchema = z.object({ customerAdminEmail: emailSchema });
export const customerOrgInputSchema = z.object({
  orgChoice: z.enum(['new', 'existing'], { error: 'error.required' }),
});

/** The company step: the country must be one of `allowedCountryCodes` (from the countries file). */
export function createCompanyInputSchema(allowedCountryCodes: readonly string[]) {
  const allowed = new Set(allowedCountryCodes);
  return z.object({
    companyName: companyNameSchema,
    countryCode: z
      .string({ error: 'error.required' })
      .trim()
      .toUpperCase()
      .min(1, 'error.required')
      .refine((code) => allowed.has(code), 'error.countryNotAllowed'),
  });
}

/** The ids of the inputs a view shows, so typed values can be echoed back on an error. */
export const VIEW_INPUTS: Readonly<Record<string, readonly InputId[]>> = {
  whoSetsUp: ['handoffEmail'],
  partnerOrg: ['partnerAdminEmail', 'partnerCompanyName'],
  customerAdmin: ['customerAdminEmail'],
  company: ['companyName', 'countryCode'],
  customerOrg: ['orgChoice'],
};

/** Parses `inputs` with `schema`; errors keyed by input id, the first error of each field only. */
export function parseInputs<T>(
  schema: z.ZodType<T>,
  inputs: Record<string, string>,
): { ok: true; data: T } | { ok: false; errors: FieldErrors } {
  const parsed = schema.safeParse(inputs);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? '');
    if (field !== '' && errors[field] === undefined) errors[field] = toFieldErrorKey(issue.message);
  }
  return { ok: false, errors };
}
