import type { Locale } from '../../flows/order-setup.schemas.js';
import { note, paragraph, submit } from '../card-kit.js';
import type { Translate } from '../i18n/translate.js';
import { navigationActions, type StepCardModel, type StepContent, stepData } from '../step-card.model.js';

/** Step 1: partner or customer. The language switch lives here, on the first card. */
export function renderRoleStep(model: StepCardModel, t: Translate, locale: Locale): StepContent {
  const { context } = model;
  const intro =
    context.customerName === null
      ? t('role.introNoName', { orderId: context.orderId })
      : t('role.intro', { orderId: context.orderId, customerName: context.customerName });
  const other: Locale = locale === 'en' ? 'hr' : 'en';
  return {
    body: [paragraph(intro), note(t('common.saved'))],
    actions: [
      submit(t('role.partner'), stepData(model, { action: 'next', choice: 'partner' }), {
        style: 'positive',
      }),
      submit(t('role.customer'), stepData(model, { action: 'next', choice: 'customer' })),
      submit(t('language.switchTo'), stepData(model, { action: 'setLocale', locale: other }), {
        skipInputs: true,
      }),
      ...navigationActions(model, t, { startOver: false }),
    ],
    text: [intro, `- ${t('role.partner')}`, `- ${t('role.customer')}`],
  };
}
