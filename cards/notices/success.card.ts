import { type CountryCatalog, findRegion } from '../../flows/countries.js';
import type { Locale, OrderSetupContext } from '../../flows/order-setup.schemas.js';
import { answersResidency } from '../../flows/steps/customer-org.step.js';
import type { AdaptiveCard, CardElement, OpenUrlAction } from '../adaptive-card.types.js';
import { factSet, paragraph } from '../card-kit.js';
import { type Translate, translator } from '../i18n/translate.js';
import { createNoticeCard, createNoticeText } from './notice-kit.js';

type RegionName = { en: string; hr: string };

/** The success message: what was set up, where its data lives, and who does what next. */
export interface SuccessModel {
  orderId: string;
  customerName: string | null;
  isPartner: boolean;
  /** Who receives the welcome email, or null if unknown. */
  customerAdminEmail: string | null;
  /** The customer organization's data-residency region, or null if unknown. */
  regionName: RegionName | null;
  /** The region the Contact Center data location defaults to (the country's), or null if unknown. */
  contactCenterRegionName: RegionName | null;
  /** The name of an existing organization that keeps a region other than the country's, else null. */
  existingOrgKeepingRegion: string | null;
  /** The "Getting started with Webex Contact Center" guide. */
  gettingStartedUrl: string;
}

/** The success model from the final context, the countries list and the guide's address. */
export function buildSuccessModel(
  context: OrderSetupContext,
  countries: CountryCatalog,
  gettingStartedUrl: string,
): SuccessModel {
  const { answers } = context;
  const residency = answersResidency(answers);
  const nameOf = (code: string | undefined) =>
    code === undefined ? null : (findRegion(countries, code)?.name ?? null);
  const org = answers.customerOrg;
  return {
    orderId: context.orderId,
    customerName: answers.company?.name ?? context.customerName,
    isPartner: answers.role === 'partner',
    customerAdminEmail: answers.customerAdminEmail,
    regionName: nameOf(residency?.regionCode),
    contactCenterRegionName: nameOf(residency?.contactCenterRegionCode),
    existingOrgKeepingRegion:
      residency?.keptByExistingOrg === true && org?.choice === 'existing' ? org.name : null,
    gettingStartedUrl,
  };
}

function intro(model: SuccessModel, t: Translate, locale: Locale): string[] {
  const { orderId, customerName } = model;
  const lines = [
    customerName === null
      ? t('success.bodyNoName', { orderId })
      : t('success.body', { orderId, customerName }),
  ];
  const { existingOrgKeepingRegion: name, regionName, contactCenterRegionName: cc } = model;
  if (name !== null && regionName !== null && cc !== null)
    lines.push(t('residency.keptByExistingOrg', { name, region: regionName[locale], ccRegion: cc[locale] }));
  return lines;
}

function facts(model: SuccessModel, t: Translate, locale: Locale): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  if (model.regionName !== null) rows.push([t('label.dataResidency'), model.regionName[locale]]);
  return rows;
}

/** Who does what next, in the order it happens (the procedure's "what to do next"). */
function nextSteps(model: SuccessModel, t: Translate, locale: Locale): string[] {
  const steps: string[] = [];
  if (model.customerAdminEmail !== null)
    steps.push(t('success.who.welcomeEmail', { email: model.customerAdminEmail }));
  steps.push(t(model.isPartner ? 'success.who.wizardPartner' : 'success.who.wizardCustomer'));
  if (model.isPartner) steps.push(t('success.next.partnerFirst'));
  // Said once: the paragraph about an existing organization's region already names the default.
  if (model.contactCenterRegionName !== null && model.existingOrgKeepingRegion === null)
    steps.push(t('success.next.dataLocation', { region: model.contactCenterRegionName[locale] }));
  return steps.map((step, i) => `${i + 1}. ${step}`);
}

export function renderSuccessCard(model: SuccessModel, locale: Locale): AdaptiveCard {
  const t = translator(locale);
  const rows = facts(model, t, locale);
  const extra: CardElement[] = [
    ...(rows.length === 0 ? [] : [factSet(rows)]),
    paragraph(t('success.whoTitle'), { weight: 'bolder', spacing: 'medium' }),
    ...nextSteps(model, t, locale).map((step) => paragraph(step, { spacing: 'small' })),
  ];
  const guide: OpenUrlAction = {
    type: 'Action.OpenUrl',
    title: t('success.openGuide'),
    url: model.gettingStartedUrl,
  };
  return createNoticeCard(t, t('success.title'), intro(model, t, locale), [guide], extra);
}

export function renderSuccessText(model: SuccessModel, locale: Locale): string {
  const t = translator(locale);
  return createNoticeText(
    t,
    t('success.title'),
    [
      ...intro(model, t, locale),
      ...facts(model, t, locale).map(([title, value]) => `${title}: ${value}`),
      t('success.whoTitle'),
      ...nextSteps(model, t, locale),
      `${t('success.openGuide')}: ${model.gettingStartedUrl}`,
    ],
    false,
  );
}
