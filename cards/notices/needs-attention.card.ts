import type { AttentionReason, Locale } from '../../flows/order-setup.schemas.js';
import type { AdaptiveCard } from '../adaptive-card.types.js';
import { type Translate, translator } from '../i18n/translate.js';
import { createNoticeCard, createNoticeText } from './notice-kit.js';

/** The setup ended in `needsAttention`: what happened, and to contact the Cisco representative. */
export interface NeedsAttentionModel {
  orderId: string;
  reason: AttentionReason;
}

function lines(model: NeedsAttentionModel, t: Translate): string[] {
  return [t(`attention.${model.reason}`), t('attention.next', { orderId: model.orderId })];
}

export function renderNeedsAttentionCard(model: NeedsAttentionModel, locale: Locale): AdaptiveCard {
  const t = translator(locale);
  return createNoticeCard(t, t('attention.title'), lines(model, t));
}

export function renderNeedsAttentionText(model: NeedsAttentionModel, locale: Locale): string {
  const t = translator(locale);
  return createNoticeText(t, t('attention.title'), lines(model, t), false);
}
