import type { Locale } from '../../flows/order-setup.schemas.js';
import type { OrderStatus } from '../../flows/order-view.types.js';
import { type AdminTranslate, statusLabel } from './admin-card-kit.js';
import { stepName } from './order-describe.js';

/** What `resolve` and `cancel` did, as the administrator who asked reads it. */

export type ResolveOutcomeView =
  /** The setup is back at `step` with `owner`. */
  | { kind: 'resolved'; orderId: string; owner: string; step: string }
  /** The invitation that never arrived went out again. */
  | { kind: 'reinvited'; orderId: string; to: string }
  /** No setup to return (it had not begun, or was already under way): only the order moved on. */
  | { kind: 'orderOnly'; orderId: string }
  | { kind: 'notNeeded'; orderId: string; status: OrderStatus }
  | { kind: 'busy'; orderId: string };

export type CancelOutcomeView =
  | { kind: 'cancelled'; orderId: string; reason: string }
  | { kind: 'unchanged'; orderId: string }
  | { kind: 'refused'; orderId: string; status: OrderStatus };

/** Title and line of the answer to `resolve`. */
export function resolveText(
  t: AdminTranslate,
  locale: Locale,
  outcome: ResolveOutcomeView,
): [string, string] {
  switch (outcome.kind) {
    case 'resolved':
      return [t('resolve.title'), t('resolve.done', { ...outcome, step: stepName(outcome.step, locale) })];
    case 'reinvited':
      return [t('resolve.title'), t('resolve.reinvited', outcome)];
    case 'orderOnly':
      return [t('resolve.title'), t('resolve.orderOnly', outcome)];
    case 'notNeeded':
      return [
        t('resolve.failedTitle'),
        t('resolve.notNeeded', { orderId: outcome.orderId, status: statusLabel(t, outcome.status) }),
      ];
    case 'busy':
      return [t('resolve.failedTitle'), t('resolve.busy', outcome)];
  }
}

/** Title and line of the answer to `cancel`. */
export function cancelText(t: AdminTranslate, outcome: CancelOutcomeView): [string, string] {
  switch (outcome.kind) {
    case 'cancelled':
      return [t('cancel.title'), t('cancel.done', outcome)];
    case 'unchanged':
      return [t('cancel.failedTitle'), t('cancel.unchanged', outcome)];
    case 'refused':
      return [
        t('cancel.failedTitle'),
        t('cancel.refused', { orderId: outcome.orderId, status: statusLabel(t, outcome.status) }),
      ];
  }
}
