import type { CountryCatalog } from '../../flows/countries.js';
import type { SetupAnswers } from '../../flows/order-setup.answers.js';
import type { Locale } from '../../flows/order-setup.schemas.js';
import { countryName, regionName } from '../country-labels.js';
import type { AdminTranslate } from './admin-card-kit.js';

const ORG_PREFIX = 'ciscospark://us/ORGANIZATION/';

/**
 * An organization id as Control Hub shows it: the UUID inside a Webex id (base64 of
 * `ciscospark://us/ORGANIZATION/<uuid>`), else the id as given. Pure (no Node `Buffer`).
 */
export function shortOrgId(orgId: string): string {
  if (!/^[A-Za-z0-9+/_-]+$/.test(orgId)) return orgId;
  try {
    const padded = orgId
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(orgId.length / 4) * 4, '=');
    const text = atob(padded);
    return text.startsWith(ORG_PREFIX) ? text.slice(ORG_PREFIX.length) : orgId;
  } catch {
    return orgId;
  }
}

/** How the answers are shown: names in the reader's language when the country list is at hand. */
export interface AnswerLabels {
  locale: Locale;
  countries?: CountryCatalog;
}

/**
 * The setup's answers so far as `name: value` rows of the status card, in the order the steps ask
 * them; a question not answered yet has no row. Names come first (countries and regions by name,
 * organizations by name); the organizations' ids are in `answerIdRows`, the card's details part.
 */
export function answerRows(
  t: AdminTranslate,
  answers: SetupAnswers,
  labels: AnswerLabels = { locale: 'en' },
): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  const add = (name: Parameters<AdminTranslate>[0], value: string | null) => {
    if (value !== null) rows.push([t(name), value]);
  };
  const { countries, locale } = labels;
  add('answers.role', answers.role === null ? null : t(`answers.role.${answers.role}`));
  add('answers.whoSetsUp', answers.whoSetsUp === null ? null : t(`answers.whoSetsUp.${answers.whoSetsUp}`));
  const partner = answers.partnerOrg;
  if (partner !== null) {
    add(
      'answers.partnerOrg',
      partner.mode === 'existing'
        ? t('answers.partnerOrg.existing', { name: partner.name })
        : t('answers.partnerOrg.create', { name: partner.name }),
    );
    add('answers.partnerAdmin', partner.adminEmail);
  }
  add('answers.customerAdmin', answers.customerAdminEmail);
  add('answers.company', answers.company);
  const code = answers.countryCode;
  add(
    'answers.country',
    code === null
      ? null
      : countries === undefined
        ? code
        : `${countryName(countries, code, locale)} (${code})`,
  );
  const region = answers.region;
  add(
    'answers.region',
    region === null
      ? null
      : countries === undefined
        ? region.toUpperCase()
        : regionName(countries, region, locale),
  );
  const customer = answers.customerOrg;
  if (customer !== null)
    add(
      'answers.customerOrg',
      customer.mode === 'new'
        ? t('answers.customerOrg.new')
        : t('answers.customerOrg.existing', { name: customer.name }),
    );
  return rows;
}

/** The organizations' ids, shortened to the UUID Control Hub shows, for the card's details part. */
export function answerIdRows(t: AdminTranslate, answers: SetupAnswers): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  if (answers.partnerOrg?.mode === 'existing')
    rows.push([t('answers.partnerOrgId'), shortOrgId(answers.partnerOrg.orgId)]);
  if (answers.customerOrg?.mode === 'existing')
    rows.push([t('answers.customerOrgId'), shortOrgId(answers.customerOrg.orgId)]);
  return rows;
}
