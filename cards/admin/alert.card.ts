import type { Locale } from '../../flows/order-setup.schemas.js';
import type { OrderView } from '../../flows/order-view.types.js';
import { paragraph } from '../card-kit.js';
import type { AdminCardMessage, AdminSubmitAction } from './admin-card.types.js';
import {
  adminSubmit,
  adminTranslator,
  createAdminCard,
  statusLabel,
  toAdminMessage,
} from './admin-card-kit.js';
import { currentOwnerOf } from './order-describe.js';
import { describeAlertReason } from './reason-words.js';

export const ALERT_KINDS = [
  'invitation_failed',
  'needs_attention',
  'expired',
  'completed',
  'completion_refused',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** An alert to the administrators: what happened to which order, why in words, and what to do. */
export interface OrderAlertModel {
  order: OrderView;
  kind: AlertKind;
  /** The stored reason (a code, or Webex's answer for a failed invitation); null when none. */
  reason: string | null;
}

/** Alerts about an order a person must unblock carry the way out: Resolve. */
const RESOLVABLE: readonly AlertKind[] = ['invitation_failed', 'needs_attention'];

export function renderOrderAlert(model: OrderAlertModel, locale: Locale): AdminCardMessage {
  const t = adminTranslator(locale);
  const { order, kind } = model;
  const { orderId } = order;
  const title = t(`alert.${kind}`);
  const customer = order.customerName === null ? '' : t('alert.customer', { name: order.customerName });
  const lines = [
    t('alert.order', {
      orderId,
      customer,
      contact: order.provisioningContactEmail,
      status: statusLabel(t, order.status),
    }),
  ];
  const reason = describeAlertReason(t, kind, model.reason);
  if (reason !== null) lines.push(t('alert.why', { reason }));
  // Decided on the order as it is when the alert goes out: one resolved meanwhile offers nothing.
  const resolvable = RESOLVABLE.includes(kind) && order.status === 'needs_attention';
  if (resolvable) lines.push(t('alert.resolveHint', { orderId }));
  if (kind === 'completion_refused') lines.push(t('alert.refusedHint', { owner: currentOwnerOf(order) }));
  const actions: AdminSubmitAction[] = [];
  if (resolvable)
    actions.push(adminSubmit(t('status.resolve'), { admin: 'resolve', orderId }, { style: 'positive' }));
  actions.push(adminSubmit(t('alert.showStatus'), { admin: 'status', orderId }));
  const card = createAdminCard(
    t,
    title,
    lines.map((line) => paragraph(line)),
    actions,
  );
  return toAdminMessage(t, card, [title, ...lines]);
}
