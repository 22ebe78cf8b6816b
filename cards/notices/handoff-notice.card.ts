import type { Locale } from '../../flows/order-setup.schemas.js';
import type { AdaptiveCard } from '../adaptive-card.types.js';
import { translator } from '../i18n/translate.js';
import { createNoticeCard, createNoticeText } from './notice-kit.js';

/** To the previous owner after a hand-off: who has the setup now. No buttons: it is not theirs. */
export interface HandoffNoticeModel {
  orderId: string;
  toEmail: string;
}

export function renderHandoffNoticeCard(model: HandoffNoticeModel, locale: Locale): AdaptiveCard {
  const t = translator(locale);
  return createNoticeCard(t, t('handoffNotice.title'), [
    t('handoffNotice.body', { orderId: model.orderId, email: model.toEmail }),
  ]);
}

export function renderHandoffNoticeText(model: HandoffNoticeModel, locale: Locale): string {
  const t = translator(locale);
  const body = t('handoffNotice.body', { orderId: model.orderId, email: model.toEmail });
  return createNoticeText(t, t('handoffNotice.title'), [body], false);
}
