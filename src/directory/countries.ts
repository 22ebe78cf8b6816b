import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CountryCatalog, catalogSchema } from '../../flows/countries.js';
/** The countries file is missing, not JSON, or not valid; `problems` names each bad entry. */
export class CountriesFileError extends Error {
  constructor(
    readonly filePath: string,
    readonly problems: string[],
  ) {
    super(`Countries file ${filePath} is not valid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'CountriesFileError';
  }
}

/** Validates an already-parsed countries document. Throws `CountriesFileError` listing every problem. */
export function parseCountries(json: unknown, filePath = '(countries)'): CountryCatalog {
  const parsed = catalogSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new CountriesFileError(
    filePath,
    parsed.error.issues.map(
      (issue) =>
        `${
          issue.path
            .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
            .join('')
            .replace(/^\./, '') || '(file)'
        }: ${issue.message}`,
    ),
  );
}

/** Reads and validates a countries file. */
export async function loadCountries(filePath: string): Promise<CountryCatalog> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch (error) {
    throw new CountriesFileError(filePath, [
      `cannot be read: ${error instanceof Error ? error.message : String(error)}`,
    ]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CountriesFileError(filePath, [
      `is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    ]);
  }
  return parseCountries(json, filePath);
}

/**
 * The bundled `data/countries.json`: found by walking up from this module, so it works both from
 * `src/directory/` (tsx) and from `dist/src/directory/` (compiled), which sit at different depths.
 */
export function defaultCountriesPath(fromUrl: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(fromUrl));
  for (;;) {
    const candidate = join(dir, 'data', 'countries.json');
    if (existsSync(candidate) && existsSync(join(dir, 'package.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`data/countries.json not found above ${fileURLToPath(fromUrl)}`);
    dir = parent;
  }
}

export {
  type Country,
  type CountryCatalog,
  type CountryLocale,
  findCountry,
  findRegion,
  listCountryChoices,
  type Region,
  regionOfCountry,
} from '../../flows/countries.js';
