import type { Locale } from '../../flows/order-setup.schemas.js';
import type { AdaptiveCard } from '../adaptive-card.types.js';
import { submit } from '../card-kit.js';
import { translator } from '../i18n/translate.js';
import { createNoticeCard, createNoticeText, noticeData } from './notice-kit.js';

/** The apology when a stored setup could not be restored or migrated and was restarted. */
export interface UpgradeRestartModel {
  orderId: string;
}

export function renderUpgradeRestartCard(model: UpgradeRestartModel, locale: Locale): AdaptiveCard {
  const t = translator(locale);
  return createNoticeCard(
    t,
    t('upgrade.title'),
    [t('upgrade.body', { orderId: model.orderId })],
    [submit(t('common.continueSetup'), noticeData(model.orderId, 'resume'), { style: 'positive' })],
  );
}

export function renderUpgradeRestartText(model: UpgradeRestartModel, locale: Locale): string {
  const t = translator(locale);
  return createNoticeText(t, t('upgrade.title'), [t('upgrade.body', { orderId: model.orderId })], true);
}
