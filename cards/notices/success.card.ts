import type { Locale, OrderSetupContext } from '../../flows/order-setup.schemas.js';
import { type CountryCatalog, findRegion } from '../../src/directory/countries.js';
import type { AdaptiveCard } from '../adaptive-card.types.js';
import { paragraph } from '../card-kit.js';
import { type Translate, translator } from '../i18n/translate.js';
import { createNoticeCard, createNoticeText } from './notice-kit.js';

/** The success message with the procedure's "what to do next". */
export interface SuccessModel {
  orderId: string;
  customerName: string | null;
  isPartner: boolean;
  /** The data-residency region's names, or null if unknown. */
  regionName: { en: string; hr: string } | null;
}

/** The success model from the final context and the countries list. */
export function buildSuccessModel(context: OrderSetupContext, countries: CountryCatalog): SuccessModel {
  const regionCode = context.answers.company?.regionCode;
  const region = regionCode === undefined ? undefined : findRegion(countries, regionCode);
  return {
    orderId: context.orderId,
    customerName: context.answers.company?.name ?? context.customerName,
    isPartner: context.answers.role === 'partner',
    regionName: region?.name ?? null,
  };
}

function nextSteps(model: SuccessModel, t: Translate, locale: Locale): string[] {
  const steps = [t('success.next.gettingStarted')];
  if (model.isPartner) steps.push(t('success.next.partnerFirst'));
  if (model.regionName !== null)
    steps.push(t('success.next.dataLocation', { region: model.regionName[locale] }));
  return steps;
}

function intro(model: SuccessModel, t: Translate): string {
  return t('success.body', {
    orderId: model.orderId,
    customerName: model.customerName ?? t('common.unknownName'),
  });
}

export function renderSuccessCard(model: SuccessModel, locale: Locale): AdaptiveCard {
  const t = translator(locale);
  const steps = nextSteps(model, t, locale).map((step, i) =>
    paragraph(`${i + 1}. ${step}`, { spacing: 'small' }),
  );
  return createNoticeCard(
    t,
    t('success.title'),
    [intro(model, t)],
    [],
    [paragraph(t('success.nextTitle'), { weight: 'bolder', spacing: 'medium' }), ...steps],
  );
}

export function renderSuccessText(model: SuccessModel, locale: Locale): string {
  const t = translator(locale);
  const steps = nextSteps(model, t, locale).map((step, i) => `${i + 1}. ${step}`);
  return createNoticeText(t, t('success.title'), [intro(model, t), t('success.nextTitle'), ...steps], false);
}
