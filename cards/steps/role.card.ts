import type { Locale } from '../../flows/order-setup.schemas.js';
import type { ColumnSet } from '../adaptive-card.types.js';
import { note, paragraph, submit } from '../card-kit.js';
import type { Translate } from '../i18n/translate.js';
import { navigationActions, type StepCardModel, type StepContent, stepData } from '../step-card.model.js';

/**
 * The language switch: a line with the current language and the other one as a clickable link-like
 * text, not a button among the answers.
 */
function languageSwitch(model: StepCardModel, t: Translate, other: Locale): ColumnSet {
  const action = submit(t('language.switchTo'), stepData(model, { action: 'setLocale', locale: other }), {
    skipInputs: true,
  });
  return {
    type: 'ColumnSet',
    spacing: 'small',
    columns: [
      { type: 'Column', width: 'stretch', items: [note(t('language.current'))] },
      {
        type: 'Column',
        width: 'auto',
        selectAction: action,
        items: [paragraph(`🌐 ${t('language.switchTo')}`, { size: 'small', color: 'accent', wrap: false })],
      },
    ],
  };
}

/** Step 1: partner or customer. The language switch lives here, on the first card. */
export function renderRoleStep(model: StepCardModel, t: Translate, locale: Locale): StepContent {
  const { context } = model;
  const intro =
    context.customerName === null
      ? t('role.introNoName', { orderId: context.orderId })
      : t('role.intro', { orderId: context.orderId, customerName: context.customerName });
  const other: Locale = locale === 'en' ? 'hr' : 'en';
  return {
    body: [languageSwitch(model, t, other), paragraph(intro), note(t('common.saved'))],
    actions: [
      submit(t('role.partner'), stepData(model, { action: 'next', choice: 'partner' }), {
        style: 'positive',
      }),
      submit(t('role.customer'), stepData(model, { action: 'next', choice: 'customer' })),
      ...navigationActions(model, t, { startOver: false }),
    ],
    text: [intro, `- ${t('role.partner')}`, `- ${t('role.customer')}`],
  };
}
