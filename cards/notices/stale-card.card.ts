import type { Locale } from '../../flows/order-setup.schemas.js';
import type { Position } from '../../flows/order-setup.steps.js';
import type { AdaptiveCard } from '../adaptive-card.types.js';
import { submit } from '../card-kit.js';
import { type Translate, translator } from '../i18n/translate.js';
import { createNoticeCard, createNoticeText, noticeData } from './notice-kit.js';

/** Answer to a click on an old card: where the setup is now (from `describePosition`). */
export interface StaleCardModel {
  orderId: string;
  position: Position;
}

function body(model: StaleCardModel, t: Translate): string {
  const { position: p } = model;
  return p.kind === 'step'
    ? t('stale.body', { orderId: model.orderId, n: p.n, total: p.total, step: t(`step.${p.step}`) })
    : t('stale.ended', { orderId: model.orderId });
}

export function renderStaleCard(model: StaleCardModel, locale: Locale): AdaptiveCard {
  const t = translator(locale);
  const actions =
    model.position.kind === 'step'
      ? [submit(t('stale.showCurrent'), noticeData(model.orderId, 'resume'))]
      : [];
  return createNoticeCard(t, t('stale.title'), [body(model, t)], actions);
}

export function renderStaleText(model: StaleCardModel, locale: Locale): string {
  const t = translator(locale);
  return createNoticeText(t, t('stale.title'), [body(model, t)], model.position.kind === 'step');
}
