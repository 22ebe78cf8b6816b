import type { Locale } from '../../flows/order-setup.schemas.js';
import { answersResidency, CUSTOMER_ORG_INPUTS } from '../../flows/steps/customer-org.step.js';
import type { InputChoiceSet } from '../adaptive-card.types.js';
import { factSet, fieldError, note, paragraph, submit } from '../card-kit.js';
import { regionName } from '../country-labels.js';
import type { Translate } from '../i18n/translate.js';
import {
  inputValue,
  navigationActions,
  type StepCardModel,
  type StepContent,
  stepData,
} from '../step-card.model.js';

/** New or Existing customer organization. */
export function renderCustomerOrgStep(model: StepCardModel, t: Translate): StepContent {
  const { context } = model;
  const choice: InputChoiceSet = {
    type: 'Input.ChoiceSet',
    id: CUSTOMER_ORG_INPUTS.orgChoice,
    label: t('customerOrg.choiceLabel'),
    style: 'expanded',
    choices: [
      { title: t('customerOrg.new'), value: 'new' },
      { title: t('customerOrg.existing'), value: 'existing' },
    ],
  };
  const chosen = inputValue(model, CUSTOMER_ORG_INPUTS.orgChoice, context.answers.customerOrg?.choice);
  if (chosen === 'new' || chosen === 'existing') choice.value = chosen;
  const trialNote =
    context.trial === null ? [] : [paragraph(t('customerOrg.trialNote'), { color: 'accent' })];
  return {
    body: [
      paragraph(t('customerOrg.intro')),
      ...trialNote,
      choice,
      ...fieldError(t, model.errors[CUSTOMER_ORG_INPUTS.orgChoice]),
    ],
    actions: [
      submit(t('common.next'), stepData(model, { action: 'next' }), { style: 'positive' }),
      ...navigationActions(model, t, { startOver: true }),
    ],
    text: [t('customerOrg.intro'), `- ${t('customerOrg.new')}`, `- ${t('customerOrg.existing')}`],
  };
}

/**
 * When the existing organization shown or chosen keeps a region other than the country's: says so,
 * and where the Contact Center data location defaults to. Null otherwise.
 */
export function residencyNote(model: StepCardModel, t: Translate, locale: Locale): string | null {
  const { answers } = model.context;
  const residency = answersResidency(answers);
  const org = answers.customerOrg?.choice === 'existing' ? answers.customerOrg : answers.pendingOrg;
  if (residency === null || !residency.keptByExistingOrg || org === null) return null;
  return t('residency.keptByExistingOrg', {
    name: org.name,
    region: regionName(model.countries, residency.regionCode, locale),
    ccRegion: regionName(model.countries, residency.contactCenterRegionCode, locale),
  });
}

/** The existing organization found (the trial's, or the administrator's), to confirm. */
export function renderCustomerOrgConfirmStep(
  model: StepCardModel,
  t: Translate,
  locale: Locale,
): StepContent {
  const { context } = model;
  const org = context.answers.pendingOrg;
  const intro = t(context.trial === null ? 'customerOrgConfirm.intro' : 'customerOrgConfirm.trialIntro');
  const facts: Array<[string, string]> =
    org === null
      ? []
      : [
          [t('label.organization'), org.name],
          [t('label.organizationId'), org.orgId],
        ];
  const region = org?.regionCode ?? null;
  if (region !== null) facts.push([t('label.dataResidency'), regionName(model.countries, region, locale)]);
  const kept = residencyNote(model, t, locale);
  const keptBlocks = kept === null ? [] : [paragraph(kept, { color: 'accent' })];
  return {
    body: [paragraph(intro), factSet(facts), ...keptBlocks, note(t('customerOrgConfirm.hint'))],
    actions: [
      submit(t('common.correct'), stepData(model, { action: 'next', choice: 'correct' }), {
        style: 'positive',
      }),
      submit(t('common.notCorrect'), stepData(model, { action: 'next', choice: 'notCorrect' }), {
        style: 'destructive',
      }),
      ...navigationActions(model, t, { startOver: true }),
    ],
    text: [intro, ...facts.map(([title, value]) => `${title}: ${value}`), ...(kept === null ? [] : [kept])],
  };
}
