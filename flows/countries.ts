/**
 * The countries of operation and their data-residency regions: the catalog's shape and its
 * look-ups, pure (the directory loads the file).
 */
import { z } from 'zod';

/**
 * The countries a Webex Contact Center order may name as country of operation, and the
 * data-residency region each implies. No public Cisco document lists them all, so they are data an
 * operator can change (`data/countries.json`, or the file named by `COUNTRIES_FILE`) without a
 * code change, with the source and review date recorded in the file.
 */

const localizedName = z.object({
  en: z.string().trim().min(1).max(100),
  hr: z.string().trim().min(1).max(100),
});

const regionSchema = z.object({
  code: z.string().regex(/^[a-z0-9-]{2,20}$/, 'must be 2-20 lower-case letters, digits or -'),
  name: localizedName,
  /** The Contact Center API host code (`api.wxcc-<code>.cisco.com`), or null where none is known. */
  contactCenterCode: z
    .string()
    .regex(/^[a-z0-9]{2,10}$/)
    .nullable(),
  notes: z.string().optional(),
});

/** The pattern of a country code: ISO 3166-1 alpha-2, two capital letters. */
export const COUNTRY_CODE_PATTERN = /^[A-Z]{2}$/;

/** A country code as stored and as the machine reads it (the catalog says which ones exist). */
export const countryCodeText = z
  .string()
  .regex(COUNTRY_CODE_PATTERN, 'must be an ISO 3166-1 alpha-2 code (two capital letters)');

const countrySchema = z.object({
  code: countryCodeText,
  name: localizedName,
  region: z.string(),
});

export const catalogSchema = z
  .object({
    source: z.string().trim().min(1),
    /** When an operator last checked the table (YYYY-MM-DD), or null if never. */
    reviewedOn: z.iso.date().nullable(),
    status: z.string().optional(),
    regions: z.array(regionSchema).min(1),
    countries: z.array(countrySchema).min(1),
  })
  .superRefine((catalog, ctx) => {
    const regionAt = new Map<string, number>();
    catalog.regions.forEach((region, i) => {
      const first = regionAt.get(region.code);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['regions', i],
          message: `duplicate region "${region.code}" (first at regions[${first}])`,
        });
      else regionAt.set(region.code, i);
    });
    const countryAt = new Map<string, number>();
    catalog.countries.forEach((country, i) => {
      const first = countryAt.get(country.code);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['countries', i],
          message: `duplicate country "${country.code}" (first at countries[${first}])`,
        });
      else countryAt.set(country.code, i);
      if (!regionAt.has(country.region))
        ctx.addIssue({
          code: 'custom',
          path: ['countries', i],
          message: `country "${country.code}" names unknown region "${country.region}"`,
        });
    });
  });

export type CountryCatalog = z.infer<typeof catalogSchema>;
export type Country = CountryCatalog['countries'][number];
export type Region = CountryCatalog['regions'][number];
export type CountryLocale = keyof Country['name'];

export function findCountry(catalog: CountryCatalog, code: string): Country | undefined {
  return catalog.countries.find((country) => country.code === code);
}

export function findRegion(catalog: CountryCatalog, code: string): Region | undefined {
  return catalog.regions.find((region) => region.code === code);
}

/** The region a country implies, or undefined for a country not in the list. */
export function regionOfCountry(catalog: CountryCatalog, countryCode: string): Region | undefined {
  const country = findCountry(catalog, countryCode);
  return country === undefined ? undefined : findRegion(catalog, country.region);
}

/** Countries as `{ code, title }`, sorted by their name in `locale` (Croatian sorting for hr). */
export function listCountryChoices(
  catalog: CountryCatalog,
  locale: CountryLocale,
): Array<{ code: string; title: string }> {
  const collator = new Intl.Collator(locale);
  return catalog.countries
    .map((country) => ({ code: country.code, title: country.name[locale] }))
    .sort((a, b) => collator.compare(a.title, b.title));
}
