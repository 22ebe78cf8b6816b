import { CUSTOMER_ADMIN_INPUTS } from '../../flows/steps/customer-admin.step.js';
import { emailInput, fieldError, note, paragraph, submit } from '../card-kit.js';
import type { Translate } from '../i18n/translate.js';
import {
  inputValue,
  navigationActions,
  type StepCardModel,
  type StepContent,
  stepData,
} from '../step-card.model.js';

/** The customer organization's administrator email. */
export function renderCustomerAdminStep(model: StepCardModel, t: Translate): StepContent {
  const { context } = model;
  const trialNote =
    context.trial === null ? [] : [paragraph(t('customerAdmin.trialNote'), { color: 'accent' })];
  return {
    body: [
      paragraph(t('customerAdmin.intro')),
      note(t('customerAdmin.oneOrg')),
      ...trialNote,
      emailInput(
        CUSTOMER_ADMIN_INPUTS.customerAdminEmail,
        t('customerAdmin.label'),
        inputValue(model, CUSTOMER_ADMIN_INPUTS.customerAdminEmail, context.answers.customerAdminEmail),
      ),
      ...fieldError(t, model.errors[CUSTOMER_ADMIN_INPUTS.customerAdminEmail]),
    ],
    actions: [
      submit(t('common.next'), stepData(model, { action: 'next' }), { style: 'positive' }),
      ...navigationActions(model, t, { startOver: true }),
    ],
    text: [
      t('customerAdmin.intro'),
      t('customerAdmin.oneOrg'),
      context.trial === null ? null : t('customerAdmin.trialNote'),
    ].filter((line): line is string => line !== null),
  };
}
