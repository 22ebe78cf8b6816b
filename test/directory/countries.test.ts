import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CountriesFileError,
  defaultCountriesPath,
  listCountryChoices,
  loadCountries,
  parseCountries,
  regionOfCountry,
} from '../../src/directory/countries.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const BUNDLED = join(REPO, 'data', 'countries.json');

const valid = () => ({
  source: 'test',
  reviewedOn: null,
  regions: [
    { code: 'eu', name: { en: 'European Union', hr: 'Europska unija' }, contactCenterCode: 'eu1' },
    { code: 'sa', name: { en: 'Saudi Arabia', hr: 'Saudijska Arabija' }, contactCenterCode: null },
  ],
  countries: [
    { code: 'HR', name: { en: 'Croatia', hr: 'Hrvatska' }, region: 'eu' },
    { code: 'SA', name: { en: 'Saudi Arabia', hr: 'Saudijska Arabija' }, region: 'sa' },
  ],
});

function problemsOf(json: unknown): string[] {
  try {
    parseCountries(json, 'test.json');
  } catch (error) {
    if (error instanceof CountriesFileError) return error.problems;
    throw error;
  }
  return [];
}

describe('the bundled countries file', () => {
  it('loads, with 40-60 countries, every region used, and the review status recorded', async () => {
    const catalog = await loadCountries(BUNDLED);
    expect(catalog.countries.length).toBeGreaterThanOrEqual(40);
    expect(catalog.countries.length).toBeLessThanOrEqual(60);
    const used = new Set(catalog.countries.map((c) => c.region));
    expect(catalog.regions.filter((r) => !used.has(r.code)).map((r) => r.code)).toEqual([]);
    expect(catalog.source).toMatch(/Control Hub/);
    expect(catalog.status).toMatch(/reviewed by an operator/);
  });

  it.each([
    ['HR', 'eu', 'eu1'],
    ['DE', 'eu', 'eu1'],
    ['CH', 'eu', 'eu1'],
    ['IE', 'eu', 'eu1'],
    ['GB', 'uk', 'eu2'],
    ['US', 'us', 'us1'],
    ['BR', 'us', 'us1'],
    ['CA', 'ca', 'ca1'],
    ['AU', 'anz', 'anz1'],
    ['JP', 'jp', 'jp1'],
    ['SG', 'sg', 'sg1'],
    ['IN', 'in', 'in1'],
    ['SA', 'sa', null],
    ['AE', 'ae', null],
  ])('%s is in region %s (Contact Center %s), as the starting table says', async (code, region, cc) => {
    const catalog = await loadCountries(BUNDLED);
    expect(regionOfCountry(catalog, code)).toMatchObject({ code: region, contactCenterCode: cc });
  });

  it('is found from src/ (tsx) and from dist/src/ (compiled)', () => {
    expect(defaultCountriesPath()).toBe(BUNDLED);
    const compiled = pathToFileURL(join(REPO, 'dist', 'src', 'directory', 'countries.js')).href;
    expect(defaultCountriesPath(compiled)).toBe(BUNDLED);
  });

  it('sorts choices by the localized name (Croatian collation: C, Č, Ć, D)', async () => {
    const catalog = await loadCountries(BUNDLED);
    const titles = listCountryChoices(catalog, 'hr').map((c) => c.title);
    const at = (name: string) => titles.indexOf(name);
    expect(at('Cipar')).toBeLessThan(at('Čile'));
    expect(at('Čile')).toBeLessThan(at('Danska'));
    expect(at('Švicarska')).toBeLessThan(at('Ujedinjeno Kraljevstvo'));
    expect(listCountryChoices(catalog, 'en')[0]?.title).toBe('Argentina');
  });
});

describe('validation names the bad entry', () => {
  it('accepts a minimal valid file', () => {
    expect(problemsOf(valid())).toEqual([]);
  });

  it.each<[string, (doc: ReturnType<typeof valid>) => unknown, string[]]>([
    [
      'an unknown region',
      (d) => ({
        ...d,
        countries: [...d.countries, { code: 'FR', name: { en: 'France', hr: 'Francuska' }, region: 'mars' }],
      }),
      ['countries[2]: country "FR" names unknown region "mars"'],
    ],
    [
      'a duplicate country',
      (d) => ({
        ...d,
        countries: [...d.countries, { code: 'HR', name: { en: 'Croatia', hr: 'Hrvatska' }, region: 'eu' }],
      }),
      ['countries[2]: duplicate country "HR" (first at countries[0])'],
    ],
    [
      'a duplicate region',
      (d) => ({ ...d, regions: [...d.regions, d.regions[0]] }),
      ['regions[2]: duplicate region "eu" (first at regions[0])'],
    ],
    [
      'a code that is not ISO alpha-2',
      (d) => ({ ...d, countries: [{ code: 'HRV', name: { en: 'Croatia', hr: 'Hrvatska' }, region: 'eu' }] }),
      ['countries[0].code: must be an ISO 3166-1 alpha-2 code (two capital letters)'],
    ],
    [
      'a missing Croatian name',
      (d) => ({ ...d, countries: [{ code: 'HR', name: { en: 'Croatia' }, region: 'eu' }] }),
      ['countries[0].name.hr: Invalid input: expected string, received undefined'],
    ],
    ['a bad review date', (d) => ({ ...d, reviewedOn: 'last week' }), ['reviewedOn: Invalid ISO date']],
  ])('%s', (_, mutate, expected) => {
    expect(problemsOf(mutate(valid()))).toEqual(expected);
  });

  it('reports an unreadable or non-JSON file with its path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'countries-'));
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ not json');
    await expect(loadCountries(broken)).rejects.toThrow(`Countries file ${broken} is not valid`);
    await expect(loadCountries(join(dir, 'missing.json'))).rejects.toThrow(/cannot be read/);
  });
});
