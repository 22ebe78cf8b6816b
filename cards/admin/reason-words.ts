import type { Locale } from '../../flows/order-setup.schemas.js';
import type { AdminMessageKey } from './admin.i18n.en.js';
import { type AdminTranslate, adminTranslator } from './admin-card-kit.js';

/**
 * Status reasons in words. Reasons are stored as codes (`code` or `code: detail`) so that code
 * can decide on them; people read them as sentences, in their own language, with the detail they
 * need to act (an email, a domain, an organization id) kept in the sentence.
 */

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

/** Details whose shape is known (as the completion writes them) read as a sentence of their own. */
function detailSentence(t: AdminTranslate, code: string, detail: string): string | undefined {
  if (code === 'customer_admin_taken') {
    const taken = /^(\S+) already belongs to (\S+)$/.exec(detail);
    if (taken?.[1] !== undefined && taken[2] !== undefined)
      return t('reason.customer_admin_taken.detail', { email: taken[1], orgId: taken[2] });
  }
  if (code === 'partner_org_conflict') {
    const conflict = /^(domain|email) (\S+) already belongs to organization (\S+)$/.exec(detail);
    const [, what, value, orgId] = conflict ?? [];
    if (what === 'domain' && value !== undefined && orgId !== undefined)
      return t('reason.partner_org_conflict.domain', { domain: value, orgId });
    if (what === 'email' && value !== undefined && orgId !== undefined)
      return t('reason.partner_org_conflict.email', { email: value, orgId });
  }
  return undefined;
}

/**
 * A status reason in words. A detail of another shape follows the sentence in brackets; a code
 * this version does not know reads as a generic sentence naming the code.
 */
export function describeReason(t: AdminTranslate, reason: string | null): string {
  if (reason === null || reason.trim() === '') return t('admin.none');
  const colon = reason.indexOf(':');
  const code = (colon === -1 ? reason : reason.slice(0, colon)).trim();
  const detail = colon === -1 ? '' : reason.slice(colon + 1).trim();
  const key = REASON_KEYS[code];
  if (key === undefined) return t('reason.unknown', { code: reason.trim() });
  if (detail === '') return t(key);
  return detailSentence(t, code, detail) ?? t('reason.detail', { reason: t(key), detail });
}

/** The same, for one language: what the plain alerts use. */
export function describeReasonIn(locale: Locale, reason: string | null): string {
  return describeReason(adminTranslator(locale), reason);
}

/** What an alert gives as its reason: the invitation's own failure is Webex's answer, in the sentence. */
export function describeAlertReason(t: AdminTranslate, kind: string, reason: string | null): string | null {
  if (reason === null) return null;
  // An invitation's failure is stored as Webex's own answer, unless it is one of the known codes.
  const code = reason.split(':', 1)[0]?.trim() ?? '';
  if (kind === 'invitation_failed' && REASON_KEYS[code] === undefined)
    return t('reason.invitationError', { error: reason });
  return describeReason(t, reason);
}

/** The same, for one language: what the plain alerts use. */
export function describeAlertReasonIn(locale: Locale, kind: string, reason: string | null): string | null {
  return describeAlertReason(adminTranslator(locale), kind, reason);
}
