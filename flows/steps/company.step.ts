import { z } from 'zod';
import { countryCodeText } from '../countries.js';
import { companyNameSchema } from '../order-setup.schemas.js';
import {
  defineStep,
  isEventOf,
  parseInputs,
  readEvent,
  type StepEventArgs,
  type StepUpdate,
} from './setup-step.js';

/** Step 5: company name and country of operation; the country implies the data-residency region. */

export const COMPANY_INPUTS = { companyName: 'companyName', countryCode: 'countryCode' } as const;

export const companyEventSchema = z.object({
  type: z.literal('SUBMIT_COMPANY'),
  name: companyNameSchema,
  /** Resolved from the allowed-countries list when the click is read. */
  country: z.object({ code: countryCodeText, regionCode: z.string().min(1).max(40) }),
});
export type CompanyEvent = z.infer<typeof companyEventSchema>;

/** The country must be one of `allowedCountryCodes` (from the countries file). */
function createCompanyInputSchema(allowedCountryCodes: readonly string[]) {
  const allowed = new Set(allowedCountryCodes);
  return z.object({
    [COMPANY_INPUTS.companyName]: companyNameSchema,
    [COMPANY_INPUTS.countryCode]: z
      .string({ error: 'error.required' })
      .trim()
      .toUpperCase()
      .min(1, 'error.required')
      .refine((code) => allowed.has(code), 'error.countryNotAllowed'),
  });
}

const isCompany = isEventOf<CompanyEvent>('SUBMIT_COMPANY');

export const companyAnswers = {
  assignCompany: ({ context, event }: StepEventArgs) => {
    if (!isCompany(event)) return {};
    const { name, country } = event;
    const company = { name, countryCode: country.code, regionCode: country.regionCode };
    return { answers: { ...context.answers, company } };
  },
} satisfies Record<string, StepUpdate>;

export const companyStep = defineStep({
  id: 'company',
  views: ['company'],
  inputIds: Object.values(COMPANY_INPUTS),
  eventSchema: companyEventSchema,
  shownTo: () => true,
  readNext({ inputs }, _context, { countries }) {
    const schema = createCompanyInputSchema(countries.map((c) => c.code));
    const parsed = parseInputs(schema, inputs);
    if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
    const country = countries.find((c) => c.code === parsed.data.countryCode);
    if (country === undefined)
      return { kind: 'invalid', errors: { [COMPANY_INPUTS.countryCode]: 'error.countryNotAllowed' } };
    return readEvent<CompanyEvent>({
      type: 'SUBMIT_COMPANY',
      name: parsed.data.companyName,
      country: { code: country.code, regionCode: country.region },
    });
  },
});
