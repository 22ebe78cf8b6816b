import type { Locale } from '../../flows/order-setup.schemas.js';
import type { ViewId } from '../../flows/steps/index.js';
import type { AdaptiveCard } from '../adaptive-card.types.js';
import { submit } from '../card-kit.js';
import { translator } from '../i18n/translate.js';
import { createNoticeCard, createNoticeText } from './notice-kit.js';

/**
 * "Start over?" It carries the current view and rev, so a confirmation clicked after the setup
 * moved on is recognised as stale instead of wiping newer answers.
 */
export interface RestartConfirmModel {
  orderId: string;
  rev: number;
  view: ViewId;
}

export function renderRestartConfirmCard(model: RestartConfirmModel, locale: Locale): AdaptiveCard {
  const t = translator(locale);
  const data = { orderId: model.orderId, step: model.view, rev: model.rev };
  return createNoticeCard(
    t,
    t('restartConfirm.title'),
    [t('restartConfirm.body', { orderId: model.orderId })],
    [
      submit(t('restartConfirm.yes'), { ...data, action: 'restartConfirm' }, { style: 'destructive' }),
      submit(t('restartConfirm.no'), { ...data, action: 'restartCancel' }),
    ],
  );
}

export function renderRestartConfirmText(model: RestartConfirmModel, locale: Locale): string {
  const t = translator(locale);
  return createNoticeText(
    t,
    t('restartConfirm.title'),
    [t('restartConfirm.body', { orderId: model.orderId })],
    true,
  );
}
