import type { Locale } from '../../flows/order-setup.schemas.js';
import { STEP_IDS, type StepId } from '../../flows/steps/index.js';
import type { OrderHistoryView, OrderView } from '../../src/orders/order-view.js';
import { translate } from '../i18n/translate.js';
import type { AdminMessageKey } from './admin.i18n.en.js';
import type { AdminTranslate } from './admin-card-kit.js';

function isStepId(step: string): step is StepId {
  return (STEP_IDS as readonly string[]).includes(step);
}

/** A step's name as the setup cards show it; an id from a newer version stays as it is. */
export function stepName(step: string, locale: Locale): string {
  return isStepId(step) ? translate(locale, `step.${step}`) : step;
}

const REASON_KEYS: Record<string, AdminMessageKey> = {
  invitation_failed: 'reason.invitation_failed',
  contact_not_on_webex: 'reason.contact_not_on_webex',
  setup_window_elapsed: 'reason.setup_window_elapsed',
  partner_org_incorrect: 'reason.partner_org_incorrect',
  customer_org_incorrect: 'reason.customer_org_incorrect',
  trial_expired: 'reason.trial_expired',
  partner_org_conflict: 'reason.partner_org_conflict',
  customer_admin_taken: 'reason.customer_admin_taken',
  mapping_refused: 'reason.mapping_refused',
  partner_org_missing: 'reason.partner_org_missing',
};

/**
 * A status reason in words. Reasons are `code` or `code: detail`; the detail (which domain, which
 * organization) is kept, since that is what an administrator needs to act.
 */
export function describeReason(t: AdminTranslate, reason: string | null): string {
  if (reason === null || reason === '') return t('admin.none');
  const colon = reason.indexOf(':');
  const code = colon === -1 ? reason : reason.slice(0, colon);
  const detail = colon === -1 ? '' : reason.slice(colon + 1).trim();
  const key = REASON_KEYS[code];
  if (key === undefined) return reason;
  return detail === '' ? t(key) : `${t(key)} (${detail})`;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : '?');

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
    case 'needs_attention': {
      const reason = typeof details.reason === 'string' ? details.reason : null;
      return t('history.needs_attention', { reason: describeReason(t, reason) });
    }
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
