import type { Locale } from '../../flows/order-setup.schemas.js';
import type { OrderHistoryView, OrderView } from '../../flows/order-view.types.js';
import { STEP_IDS, type StepId } from '../../flows/steps/index.js';
import { translate } from '../i18n/translate.js';
import type { AdminMessageKey } from './admin.i18n.en.js';
import type { AdminTranslate } from './admin-card-kit.js';
import { describeReason } from './reason-words.js';

export { describeReason };

function isStepId(step: string): step is StepId {
  return (STEP_IDS as readonly string[]).includes(step);
}

/** A step's name as the setup cards show it; an id from a newer version stays as it is. */
export function stepName(step: string, locale: Locale): string {
  return isStepId(step) ? translate(locale, `step.${step}`) : step;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : '?');
const reasonOf = (details: Record<string, unknown>) =>
  typeof details.reason === 'string' ? details.reason : null;

const HISTORY_KEYS: Record<string, AdminMessageKey> = {
  created: 'history.created',
  invitation_queued: 'history.invitation_queued',
  invitation_delivered: 'history.invitation_delivered',
  invitation_failed: 'history.invitation_failed',
  setup_started: 'history.setup_started',
  reminder_queued: 'history.reminder_queued',
  completed: 'history.completed',
  cancelled: 'history.cancelled',
  expired: 'history.expired',
};

/** What a history entry says happened, in words. */
export function describeHistoryEntry(t: AdminTranslate, locale: Locale, entry: OrderHistoryView): string {
  const details = entry.details ?? {};
  switch (entry.action) {
    case 'setup_progress':
      return t('history.setup_progress', { step: stepName(text(details.step), locale) });
    case 'owner_reassigned':
      return t('history.owner_reassigned', { from: text(details.from), to: text(details.to) });
    case 'reminded':
      return t('history.reminded', { to: text(details.to) });
    case 'contact_changed':
      return t('history.contact_changed', { from: text(details.from), to: text(details.to) });
    case 'needs_attention':
      return t('history.needs_attention', { reason: describeReason(t, reasonOf(details)) });
    case 'attention_resolved': {
      const reason = describeReason(t, reasonOf(details));
      return typeof details.reinvited === 'string'
        ? t('history.attention_resolved.reinvited', { reason, email: details.reinvited })
        : t('history.attention_resolved', { reason });
    }
    case 'completion_refused':
      return t('history.completion_refused', { reason: describeReason(t, reasonOf(details)) });
    case 'cancelled': {
      const reason = reasonOf(details);
      if (reason !== null) return t('history.cancelled.reason', { reason });
      break;
    }
    case 'invitation_failed':
      if (typeof details.error === 'string')
        return t('history.invitation_failed.detail', { email: text(details.email), error: details.error });
      break;
  }
  const key = HISTORY_KEYS[entry.action];
  if (key !== undefined) return t(key);
  const moved = entry.from !== undefined && entry.to !== undefined ? ` (${entry.from} → ${entry.to})` : '';
  return t('history.other', { action: `${entry.action.replaceAll('_', ' ')}${moved}` });
}

/** The person the setup is with now: its current owner, or the contact while it has not started. */
export function currentOwnerOf(order: OrderView): string {
  return order.setup?.ownerEmail ?? order.provisioningContactEmail;
}

/** "3 of 7: Customer company", "setup not started", or "all steps done". */
export function describeProgress(t: AdminTranslate, locale: Locale, order: OrderView): string {
  if (order.status === 'completed') return t('status.allDone');
  if (order.setup === null) return t('status.notStarted');
  return t('status.stepValue', {
    n: order.setup.stepNumber,
    total: order.setup.totalSteps,
    name: stepName(order.setup.step, locale),
  });
}

/**
 * The customer's name once the setup has one: the company typed in the setup wins over the
 * order's name (it is the name the organizations are set up under); before that, the order's.
 */
export function customerNameOf(order: Pick<OrderView, 'customerName'>, company: string | null | undefined) {
  return company ?? order.customerName;
}
