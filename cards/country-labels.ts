import { type CountryCatalog, findCountry, findRegion, listCountryChoices } from '../flows/countries.js';
import type { Locale } from '../flows/order-setup.schemas.js';

/** The country's name in `locale`, or its code when the list no longer has it. */
export function countryName(catalog: CountryCatalog, code: string, locale: Locale): string {
  return findCountry(catalog, code)?.name[locale] ?? code;
}

/** The region's name in `locale`, or its code when the list no longer has it. */
export function regionName(catalog: CountryCatalog, code: string, locale: Locale): string {
  return findRegion(catalog, code)?.name[locale] ?? code;
}

/**
 * Country choices sorted by localized name, each titled with the region it implies: a 1.3 card
 * cannot react to a selection, so the region is shown in the list itself.
 */
export function countryChoices(
  catalog: CountryCatalog,
  locale: Locale,
): Array<{ title: string; value: string }> {
  return listCountryChoices(catalog, locale).map(({ code, title }) => {
    const region = findCountry(catalog, code)?.region;
    const suffix = region === undefined ? '' : ` · ${regionName(catalog, region, locale)}`;
    return { title: `${title}${suffix}`, value: code };
  });
}
