import type { Locale } from '../../flows/order-setup.schemas.js';
import type { AdaptiveCard } from '../adaptive-card.types.js';
import { createCard, factSet, heading, note, paragraph, submit, toFallbackText } from '../card-kit.js';
import { formatDate, type Translate, translator } from '../i18n/translate.js';

/** The first message on the requested start date: the order and a Set up now button. */
export interface InvitationModel {
  orderId: string;
  partnerName: string | null;
  customerName: string | null;
  /** YYYY-MM-DD or a Date. */
  requestedStartDate: string | Date;
  /** When the order line closes if the setup is not finished; null if unknown. */
  deadline: string | Date | null;
  /** For dates with a time; date-only values are shown as that calendar day. */
  timeZone?: string;
}

function facts(model: InvitationModel, t: Translate, locale: Locale): Array<[string, string]> {
  // A name the order does not give is left out, not shown as a placeholder.
  const rows: Array<[string, string]> = [[t('label.order'), model.orderId]];
  if (model.partnerName !== null) rows.push([t('label.partner'), model.partnerName]);
  if (model.customerName !== null) rows.push([t('label.customer'), model.customerName]);
  rows.push([t('label.requestedStart'), formatDate(model.requestedStartDate, locale, model.timeZone)]);
  if (model.deadline !== null)
    rows.push([t('label.deadline'), formatDate(model.deadline, locale, model.timeZone)]);
  return rows;
}

function deadlineLine(model: InvitationModel, t: Translate, locale: Locale): string | null {
  return model.deadline === null
    ? null
    : t('invite.deadline', { date: formatDate(model.deadline, locale, model.timeZone) });
}

export function renderInvitationCard(model: InvitationModel, locale: Locale): AdaptiveCard {
  const t = translator(locale);
  const deadline = deadlineLine(model, t, locale);
  return createCard(
    [
      note(t('app.title')),
      heading(t('invite.title')),
      paragraph(t('invite.intro')),
      factSet(facts(model, t, locale)),
      ...(deadline === null ? [] : [note(deadline)]),
    ],
    [
      submit(
        t('common.setUpNow'),
        { orderId: model.orderId, step: 'invite', rev: 0, action: 'start' },
        {
          style: 'positive',
        },
      ),
    ],
  );
}

export function renderInvitationText(model: InvitationModel, locale: Locale): string {
  const t = translator(locale);
  return toFallbackText([
    t('invite.title'),
    t('invite.intro'),
    ...facts(model, t, locale).map(([title, value]) => `${title}: ${value}`),
    deadlineLine(model, t, locale),
    t('common.cardFallback'),
  ]);
}
