import { describeAlertReasonIn } from '../../cards/admin/reason-words.js';
import type { OrderView, ReminderKind } from '../../src/orders/order-view.js';
import type { OrderAlertKind, OrderMessages } from '../../src/orders/ports.js';
import type { OutgoingMessage } from '../../src/webex/gateway.js';

/**
 * Plain default messages for the order life cycle, so the scheduler works before the real cards
 * exist; the app passes its own (tests and the benchmarks use these) `OrderMessages` built from `cards/`.
 */

function describe(order: OrderView): string {
  const customer = order.customerName === null ? '' : ` for ${order.customerName}`;
  return `Webex Contact Center order ${order.orderId}${customer}`;
}

/** The last day the setup can be finished: the deadline is 00:00 of the day after it. */
function deadlineDate(order: OrderView): string {
  const locale = order.locale === 'hr' ? 'hr-HR' : 'en-GB';
  // One formatter per locale and zone: making one costs far more than formatting (10,000 invitations).
  const key = `${locale} ${order.timeZone}`;
  let format = deadlineFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: order.timeZone });
    deadlineFormats.set(key, format);
  }
  return format.format(new Date(Date.parse(order.deadlineAt) - 1));
}

const deadlineFormats = new Map<string, Intl.DateTimeFormat>();

/** The card whose **Set up now** button starts the setup conversation. */
export function renderDefaultInvitation(order: OrderView): OutgoingMessage {
  const hr = order.locale === 'hr';
  const text = hr
    ? `Narudžba ${order.orderId} čeka postavljanje. Dovršite ga do ${deadlineDate(order)}. Odgovorite "start" za početak.`
    : `${describe(order)} is ready to set up. Please finish by ${deadlineDate(order)}. Reply "start" to begin.`;
  return {
    text,
    card: {
      type: 'AdaptiveCard',
      version: '1.3',
      $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
      body: [
        {
          type: 'TextBlock',
          text: hr ? 'Postavite svoju narudžbu' : 'Set up your order',
          weight: 'Bolder',
          size: 'Medium',
          wrap: true,
        },
        { type: 'TextBlock', text, wrap: true },
      ],
      actions: [
        {
          type: 'Action.Submit',
          title: hr ? 'Postavi sada' : 'Set up now',
          data: { orderId: order.orderId, step: 'invite', rev: 0, action: 'start' },
        },
      ],
    },
  };
}

export function renderDefaultReminder(order: OrderView, kind: ReminderKind): OutgoingMessage {
  const hr = order.locale === 'hr';
  const lead =
    kind === 'before_deadline' ? (hr ? 'Rok se bliži:' : 'Closing soon:') : hr ? 'Podsjetnik:' : 'Reminder:';
  const text = hr
    ? `${lead} narudžba ${order.orderId} još nije postavljena (rok: ${deadlineDate(order)}). Odgovorite "resume" za nastavak.`
    : `${lead} ${describe(order)} is not set up yet (deadline ${deadlineDate(order)}). Reply "resume" to continue.`;
  return { text };
}

const ALERT_TITLES: Record<OrderAlertKind, string> = {
  invitation_failed: 'Invitation could not be delivered',
  needs_attention: 'Order needs attention',
  expired: 'Order expired before setup finished',
  completed: 'Order setup completed',
  completion_refused: 'Completion refused: the setup is back with its owner',
};

/** Administrators read English: alerts go to an operations space. */
export function renderDefaultAlert(
  order: OrderView,
  kind: OrderAlertKind,
  reason: string | null,
): OutgoingMessage {
  // The reason in words (the stored code means nothing to a reader), with its details kept.
  const words = describeAlertReasonIn('en', kind, reason);
  const because = words === null ? '' : ` Reason: ${words}.`;
  const text = `${ALERT_TITLES[kind]}: ${describe(order)} (contact ${order.provisioningContactEmail}, status ${order.status}).${because}`;
  return { text, markdown: `**${ALERT_TITLES[kind]}**: ${text.slice(ALERT_TITLES[kind].length + 2)}` };
}

/** The defaults as one `OrderMessages`, ready to pass to the service and the scheduler. */
export const defaultOrderMessages: OrderMessages = {
  renderInvitation: renderDefaultInvitation,
  renderReminder: renderDefaultReminder,
  renderAlert: renderDefaultAlert,
};
