import type { Locale } from '../../flows/order-setup.schemas.js';
import type { AdaptiveCard } from '../adaptive-card.types.js';
import { factSet, submit } from '../card-kit.js';
import { formatDate, type Translate, translator } from '../i18n/translate.js';
import { createNoticeCard, createNoticeText, noticeData } from './notice-kit.js';

/** To the colleague who receives a hand-off: who asked, the order, and Continue setup. */
export interface HandoffInviteModel {
  orderId: string;
  fromEmail: string;
  partnerName: string | null;
  customerName: string | null;
  deadline: string | Date | null;
  timeZone?: string;
}

function facts(model: HandoffInviteModel, t: Translate, locale: Locale): Array<[string, string]> {
  // A name the order does not give is left out, not shown as a placeholder.
  const rows: Array<[string, string]> = [[t('label.order'), model.orderId]];
  if (model.partnerName !== null) rows.push([t('label.partner'), model.partnerName]);
  if (model.customerName !== null) rows.push([t('label.customer'), model.customerName]);
  if (model.deadline !== null)
    rows.push([t('label.deadline'), formatDate(model.deadline, locale, model.timeZone)]);
  return rows;
}

function body(model: HandoffInviteModel, t: Translate): string {
  const { fromEmail, orderId, customerName } = model;
  return customerName === null
    ? t('handoffInvite.bodyNoName', { fromEmail, orderId })
    : t('handoffInvite.body', { fromEmail, orderId, customerName });
}

export function renderHandoffInviteCard(model: HandoffInviteModel, locale: Locale): AdaptiveCard {
  const t = translator(locale);
  return createNoticeCard(
    t,
    t('handoffInvite.title'),
    [body(model, t)],
    [submit(t('common.continueSetup'), noticeData(model.orderId, 'resume'), { style: 'positive' })],
    [factSet(facts(model, t, locale))],
  );
}

export function renderHandoffInviteText(model: HandoffInviteModel, locale: Locale): string {
  const t = translator(locale);
  const rows = facts(model, t, locale).map(([title, value]) => `${title}: ${value}`);
  return createNoticeText(t, t('handoffInvite.title'), [body(model, t), ...rows], true);
}
