import type { Locale } from '../../flows/order-setup.schemas.js';
import type { AdaptiveCard } from '../adaptive-card.types.js';
import { submit } from '../card-kit.js';
import { formatDate, type Translate, translator } from '../i18n/translate.js';
import { createNoticeCard, createNoticeText, noticeData } from './notice-kit.js';

/** A reminder from the scheduler: not started yet (Set up now) or in progress (Continue setup). */
export interface ReminderModel {
  orderId: string;
  customerName: string | null;
  deadline: string | Date | null;
  timeZone?: string;
  /** Where the setup stands, or null if it was never started. */
  progress: { n: number; total: number } | null;
}

function lines(model: ReminderModel, t: Translate, locale: Locale): string[] {
  const { progress, orderId, customerName } = model;
  const where = progress === null ? {} : { n: progress.n, total: progress.total };
  const named = customerName !== null;
  const key =
    progress === null
      ? named
        ? 'reminder.notStarted'
        : 'reminder.notStartedNoName'
      : named
        ? 'reminder.inProgress'
        : 'reminder.inProgressNoName';
  const out = [t(key, { orderId, ...(named ? { customerName } : {}), ...where })];
  if (model.deadline !== null)
    out.push(t('invite.deadline', { date: formatDate(model.deadline, locale, model.timeZone) }));
  return out;
}

export function renderReminderCard(model: ReminderModel, locale: Locale): AdaptiveCard {
  const t = translator(locale);
  const action =
    model.progress === null
      ? submit(t('common.setUpNow'), noticeData(model.orderId, 'start'), { style: 'positive' })
      : submit(t('common.continueSetup'), noticeData(model.orderId, 'resume'), { style: 'positive' });
  return createNoticeCard(t, t('reminder.title'), lines(model, t, locale), [action]);
}

export function renderReminderText(model: ReminderModel, locale: Locale): string {
  const t = translator(locale);
  return createNoticeText(t, t('reminder.title'), lines(model, t, locale), true);
}
