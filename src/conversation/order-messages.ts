import { renderOrderAlert } from '../../cards/admin/alert.card.js';
import type { Locale } from '../../flows/order-setup.schemas.js';
import type { CountryCatalog } from '../directory/countries.js';
import type { OrderMessages } from '../orders/ports.js';
import { createCardViews, toMessage } from './card-views.js';
import type { ConversationViews } from './views.js';

/** Every message the bot sends, with the real cards: the orders' (invitation, reminder) and the conversation's. */
export function createCardMessages(options: {
  countries: CountryCatalog;
  gettingStartedUrl: string;
  adminLocale?: Locale;
}): {
  orders: OrderMessages;
  views: ConversationViews;
} {
  return {
    views: createCardViews(options.countries, { gettingStartedUrl: options.gettingStartedUrl }),
    orders: {
      renderInvitation(order) {
        const model = {
          orderId: order.orderId,
          partnerName: order.partnerName,
          customerName: order.customerName,
          requestedStartDate: order.requestedStartDate,
          deadline: order.deadlineAt,
          timeZone: order.timeZone,
        };
        return toMessage({ kind: 'invitation', model }, order.locale);
      },
      renderReminder(order) {
        const model = {
          orderId: order.orderId,
          customerName: order.customerName,
          deadline: order.deadlineAt,
          timeZone: order.timeZone,
          progress:
            order.setup === null ? null : { n: order.setup.stepNumber, total: order.setup.totalSteps },
        };
        return toMessage({ kind: 'reminder', model }, order.locale);
      },
      renderAlert(order, kind, reason) {
        // Alerts are the administrators': their language, the reason in words, the way out.
        const { card, text } = renderOrderAlert({ order, kind, reason }, options.adminLocale ?? 'en');
        return { text, card: { ...card } };
      },
    },
  };
}
