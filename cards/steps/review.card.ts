import type { Locale } from '../../flows/order-setup.schemas.js';
import { answersResidency } from '../../flows/steps/customer-org.step.js';
import type { ActionSet, CardElement, Container } from '../adaptive-card.types.js';
import { actionRows, factSet, paragraph, submit } from '../card-kit.js';
import { countryName, regionName } from '../country-labels.js';
import type { Translate } from '../i18n/translate.js';
import { navigationActions, type StepCardModel, type StepContent, stepData } from '../step-card.model.js';
import { residencyNote } from './customer-org.card.js';

type Facts = Array<[string, string]>;

/**
 * The partner section. The organization is the partner's name once the setup has one; the order's
 * partner name is shown beside it only when it differs (the same name twice read as two things).
 */
function partnerFacts(model: StepCardModel, t: Translate): Facts {
  const { context } = model;
  const missing = t('common.notGiven');
  const org = context.answers.partnerOrg;
  const collected = org === null ? null : org.mode === 'existing' ? org.name : org.companyName;
  const facts: Facts = [];
  if (context.answers.role === 'partner') {
    const orgText =
      org === null
        ? missing
        : org.mode === 'existing'
          ? org.name
          : t('review.partnerOrgNew', { name: org.companyName, email: org.adminEmail });
    facts.push([t('label.partnerOrg'), orgText]);
    if (context.partnerName !== null && context.partnerName !== collected)
      facts.push([t('label.partnerOnOrder'), context.partnerName]);
  } else if (context.partnerName !== null) {
    facts.push([t('label.partner'), context.partnerName]);
  }
  facts.push([t('label.setUpBy'), context.ownerEmail]);
  return facts;
}

/**
 * The customer section. The company typed here names the customer from now on (the organizations
 * are set up under it, and the administrators' answers use it); the order's customer name is shown
 * beside it, labelled as the order's, only when it differs.
 */
function customerFacts(model: StepCardModel, t: Translate, locale: Locale): Facts {
  const { answers, customerName } = model.context;
  const missing = t('common.notGiven');
  const org = answers.customerOrg;
  const company = answers.company;
  const residency = answersResidency(answers);
  const onOrder: Facts =
    customerName !== null && company !== null && customerName !== company.name
      ? [[t('label.customerOnOrder'), customerName]]
      : [];
  return [
    [t('label.company'), company?.name ?? customerName ?? missing],
    ...onOrder,
    [t('label.administrator'), answers.customerAdminEmail ?? missing],
    [
      t('label.organization'),
      org === null
        ? missing
        : org.choice === 'new'
          ? t('review.orgNew')
          : t('review.orgExisting', { name: org.name }),
    ],
    [
      t('label.country'),
      company === null ? missing : countryName(model.countries, company.countryCode, locale),
    ],
    [
      t('label.dataResidency'),
      residency === null ? missing : regionName(model.countries, residency.regionCode, locale),
    ],
  ];
}

/** A section under the one before (side by side, long values were cut at phone width). */
function section(title: string, facts: Facts, edits: ActionSet['actions']): Container {
  return {
    type: 'Container',
    separator: true,
    spacing: 'medium',
    items: [paragraph(title, { weight: 'bolder' }), factSet(facts), ...actionRows(edits)],
  };
}

/** Partner and customer details one under the other, an Edit button per section, and Confirm. */
export function renderReviewStep(model: StepCardModel, t: Translate, locale: Locale): StepContent {
  const isPartner = model.context.answers.role === 'partner';
  const partner = partnerFacts(model, t);
  const customer = customerFacts(model, t, locale);
  const edit = (title: string, choice: 'partner' | 'customerAdmin' | 'company') =>
    submit(title, stepData(model, { action: 'edit', choice }), { skipInputs: true });
  const partnerEdits = isPartner ? [edit(t('review.editPartner'), 'partner')] : [];
  const customerEdits = [
    edit(t('review.editCustomerAdmin'), 'customerAdmin'),
    edit(t('review.editCompany'), 'company'),
  ];
  const lines = (title: string, facts: Facts) => [`${title}:`, ...facts.map(([k, v]) => `- ${k}: ${v}`)];
  const note = residencyNote(model, t, locale);
  const noteBlocks: CardElement[] = note === null ? [] : [paragraph(note, { color: 'accent' })];
  return {
    body: [
      paragraph(t('review.intro')),
      section(t('label.partner'), partner, partnerEdits),
      section(t('label.customer'), customer, customerEdits),
      ...noteBlocks,
    ],
    // No Back here: each section has its own Edit, and the card stays within five buttons.
    actions: [
      submit(t('review.confirm'), stepData(model, { action: 'next', choice: 'confirm' }), {
        style: 'positive',
      }),
      ...navigationActions(model, t, { startOver: false, back: false }),
    ],
    text: [
      t('review.intro'),
      ...lines(t('label.partner'), partner),
      ...lines(t('label.customer'), customer),
      note,
    ].filter((line) => line !== null),
  };
}
