import type { CardActionData } from '../../flows/card-action.schema.js';
import type { AdaptiveCard, CardAction, CardElement } from '../adaptive-card.types.js';
import { createCard, heading, note, paragraph, toFallbackText } from '../card-kit.js';
import type { Translate } from '../i18n/translate.js';

/** A message outside the steps: app name, title, paragraphs, optional extra elements and buttons. */
export function createNoticeCard(
  t: Translate,
  title: string,
  paragraphs: string[],
  actions: CardAction[] = [],
  extra: CardElement[] = [],
): AdaptiveCard {
  return createCard(
    [note(t('app.title')), heading(title), ...paragraphs.map((p) => paragraph(p)), ...extra],
    actions,
  );
}

/** The fallback text of a notice; `withCard` adds the "open in Webex" hint when there are buttons. */
export function createNoticeText(
  t: Translate,
  title: string,
  lines: Array<string | null>,
  withCard: boolean,
): string {
  return toFallbackText([title, ...lines, withCard ? t('common.cardFallback') : null]);
}

/** The envelope of a button that does not depend on the step (resume, start). */
export function noticeData(orderId: string, action: 'resume' | 'start'): CardActionData {
  return { orderId, step: action === 'start' ? 'invite' : 'notice', rev: 0, action };
}
