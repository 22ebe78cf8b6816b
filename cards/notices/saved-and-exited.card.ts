import type { Locale } from '../../flows/order-setup.schemas.js';
import type { AdaptiveCard } from '../adaptive-card.types.js';
import { submit } from '../card-kit.js';
import { formatDate, type Translate, translator } from '../i18n/translate.js';
import { createNoticeCard, createNoticeText, noticeData } from './notice-kit.js';

/** After "Save and exit": progress is already saved; say so and offer to continue. */
export interface SavedAndExitedModel {
  orderId: string;
  /** What was typed on the card in hand was kept too (as a draft, checked when submitted). */
  draftKept?: boolean;
  deadline: string | Date | null;
  timeZone?: string;
}

function lines(model: SavedAndExitedModel, t: Translate, locale: Locale): string[] {
  const out = [t('saved.body', { orderId: model.orderId })];
  if (model.draftKept === true) out.push(t('saved.draftKept'));
  if (model.deadline !== null)
    out.push(t('invite.deadline', { date: formatDate(model.deadline, locale, model.timeZone) }));
  return out;
}

export function renderSavedAndExitedCard(model: SavedAndExitedModel, locale: Locale): AdaptiveCard {
  const t = translator(locale);
  return createNoticeCard(t, t('saved.title'), lines(model, t, locale), [
    submit(t('common.continueSetup'), noticeData(model.orderId, 'resume')),
  ]);
}

export function renderSavedAndExitedText(model: SavedAndExitedModel, locale: Locale): string {
  const t = translator(locale);
  return createNoticeText(t, t('saved.title'), lines(model, t, locale), true);
}
