import type { Locale } from '../flows/order-setup.schemas.js';
import type { ViewId } from '../flows/steps/index.js';
import type { ActionSet, AdaptiveCard } from './adaptive-card.types.js';
import {
  actionRows,
  chunkActions,
  createCard,
  heading,
  isNavigationAction,
  note,
  progressBar,
  progressText,
  toFallbackText,
} from './card-kit.js';
import { type Translate, translator } from './i18n/translate.js';
import type { StepCardModel, StepContent } from './step-card.model.js';
import { renderCompanyStep } from './steps/company.card.js';
import { renderCustomerAdminStep } from './steps/customer-admin.card.js';
import { renderCustomerOrgConfirmStep, renderCustomerOrgStep } from './steps/customer-org.card.js';
import { renderPartnerOrgStep } from './steps/partner-org.card.js';
import { renderReviewStep } from './steps/review.card.js';
import { renderRoleStep } from './steps/role.card.js';
import { renderWhoSetsUpStep } from './steps/who-sets-up.card.js';

type StepCardBuilder = (model: StepCardModel, t: Translate, locale: Locale) => StepContent;

/** The card of each step view: the view ids the setup steps name as their cards. */
const STEP_CARDS: Record<ViewId, StepCardBuilder> = {
  role: renderRoleStep,
  whoSetsUp: renderWhoSetsUpStep,
  partnerOrg: renderPartnerOrgStep,
  customerAdmin: renderCustomerAdminStep,
  company: renderCompanyStep,
  customerOrg: renderCustomerOrgStep,
  customerOrgConfirm: renderCustomerOrgConfirmStep,
  review: renderReviewStep,
};

function renderContent(model: StepCardModel, t: Translate, locale: Locale): StepContent {
  return STEP_CARDS[model.view](model, t, locale);
}

/**
 * The card of the current step: order, "Step n of N" with a progress bar, the step's inputs (with
 * typed values and errors after a rejected submit), its choices one per row, and the navigation
 * (Back, Start over, Save and exit) two to a row at the end, so that every row fits at 360 px.
 */
export function renderStepCard(model: StepCardModel, locale: Locale): AdaptiveCard {
  const t = translator(locale);
  const content = renderContent(model, t, locale);
  const navigation = chunkActions(content.actions.filter(isNavigationAction), 2);
  const lastRow = navigation.pop() ?? [];
  return createCard(
    [
      note(`${t('app.title')} · ${t('common.order', { orderId: model.context.orderId })}`),
      heading(t(`step.${model.step}`)),
      note(t('common.stepOf', { n: model.n, total: model.total })),
      progressBar(model.n, model.total),
      ...content.body,
      ...actionRows(content.actions.filter((action) => !isNavigationAction(action))),
      ...navigation.map((row): ActionSet => ({ type: 'ActionSet', actions: row })),
    ],
    lastRow,
  );
}

/** The plain-text fallback of the step card. */
export function renderStepText(model: StepCardModel, locale: Locale): string {
  const t = translator(locale);
  const content = renderContent(model, t, locale);
  return toFallbackText([
    t('common.order', { orderId: model.context.orderId }),
    `${t('common.stepOf', { n: model.n, total: model.total })} ${progressText(model.n, model.total)}`,
    t(`step.${model.step}`),
    ...content.text,
    t('common.cardFallback'),
  ]);
}
