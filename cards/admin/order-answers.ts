import type { SetupAnswers } from '../../flows/order-setup.answers.js';
import type { AdminTranslate } from './admin-card-kit.js';

/**
 * The setup's answers so far as `name: value` rows of the status card, in the order the steps ask
 * them; a question not answered yet has no row.
 */
export function answerRows(t: AdminTranslate, answers: SetupAnswers): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  const add = (name: Parameters<AdminTranslate>[0], value: string | null) => {
    if (value !== null) rows.push([t(name), value]);
  };
  add('answers.role', answers.role === null ? null : t(`answers.role.${answers.role}`));
  add('answers.whoSetsUp', answers.whoSetsUp === null ? null : t(`answers.whoSetsUp.${answers.whoSetsUp}`));
  const partner = answers.partnerOrg;
  if (partner !== null) {
    add(
      'answers.partnerOrg',
      partner.mode === 'existing'
        ? t('answers.partnerOrg.existing', { name: partner.name, orgId: partner.orgId })
        : t('answers.partnerOrg.create', { name: partner.name }),
    );
    add('answers.partnerAdmin', partner.adminEmail);
  }
  add('answers.customerAdmin', answers.customerAdminEmail);
  add('answers.company', answers.company);
  add('answers.country', answers.countryCode);
  add('answers.region', answers.region === null ? null : answers.region.toUpperCase());
  const customer = answers.customerOrg;
  if (customer !== null)
    add(
      'answers.customerOrg',
      customer.mode === 'new'
        ? t('answers.customerOrg.new')
        : t('answers.customerOrg.existing', { name: customer.name, orgId: customer.orgId }),
    );
  return rows;
}
