import type { Locale } from '../../flows/order-setup.schemas.js';
import type { OrderStatus } from '../../flows/order-view.types.js';
import { paragraph } from '../card-kit.js';
import { ORDER_FILTERS } from './admin-action.schema.js';
import type { AdminCardMessage } from './admin-card.types.js';
import {
  type AdminTranslate,
  adminSubmit,
  adminTranslator,
  createAdminCard,
  formatDay,
  statusLabel,
  toAdminMessage,
} from './admin-card-kit.js';
import { describeReason } from './reason-words.js';
import {
  type CancelOutcomeView,
  cancelText,
  type ResolveOutcomeView,
  resolveText,
} from './resolve-outcome.texts.js';

export type { CancelOutcomeView, ResolveOutcomeView };

/** The commands administrators (and, for `status`, partners) type. */
export const ADMIN_COMMANDS = [
  'status',
  'orders',
  'attention',
  'report',
  'remind',
  'reassign',
  'resolve',
  'cancel',
  'claims',
  'approve',
  'refuse',
] as const;
export type AdminCommandName = (typeof ADMIN_COMMANDS)[number];
export type AdminOnlyCommand = Exclude<AdminCommandName, 'status'>;

/** The right form of each command, as the usage answer shows it. */
export const COMMAND_FORMS: Record<AdminCommandName, string> = {
  status: 'status <order id>',
  orders: 'orders [status] [page N]',
  attention: 'attention [page N]',
  report: 'report',
  remind: 'remind <order id>',
  reassign: 'reassign <order id> <email>',
  resolve: 'resolve <order id>',
  cancel: 'cancel <order id> <reason>',
  claims: 'claims',
  approve: 'approve <claim id>',
  refuse: 'refuse <claim id>',
};

/** The highest page number a command may ask for. */
export const MAX_PAGE = 500;

/** What was wrong with a typed command. */
export type UsageProblem =
  | { code: 'missingOrderId' }
  | { code: 'badOrderId'; value: string }
  | { code: 'missingEmail' }
  | { code: 'missingReason' }
  | { code: 'missingClaimId' }
  | { code: 'badClaimId'; value: string }
  | { code: 'badEmail'; value: string }
  | { code: 'badFilter'; value: string }
  | { code: 'badPage' }
  | { code: 'extraWords'; value: string }
  | { code: 'unreadableCard' };

export type RemindOutcomeView =
  | { kind: 'reminded'; orderId: string; to: string; what: 'step' | 'invitation' }
  | { kind: 'notStarted'; orderId: string; startDate: string }
  | { kind: 'ended'; orderId: string; status: OrderStatus }
  | { kind: 'needsAttention'; orderId: string; reason: string | null }
  | { kind: 'busy'; orderId: string };

export type ReassignOutcomeView =
  | { kind: 'reassigned'; orderId: string; from: string; to: string }
  | { kind: 'contactChanged'; orderId: string; from: string; to: string }
  | { kind: 'unchanged'; orderId: string; to: string }
  | { kind: 'ended'; orderId: string; status: OrderStatus }
  | { kind: 'busy'; orderId: string }
  | { kind: 'refused'; orderId: string; message: string };

/** Short answers of the administrators' commands. */
export type AdminNotice =
  /** The same words for an order that does not exist and one the person may not see. */
  | { kind: 'unknownOrder'; orderId: string }
  | { kind: 'notAdmin'; command: AdminOnlyCommand }
  | { kind: 'usage'; command: AdminCommandName; problem: UsageProblem }
  | { kind: 'noOwnSetup' }
  | { kind: 'privateAnswer' }
  | { kind: 'remind'; outcome: RemindOutcomeView }
  | { kind: 'reassign'; outcome: ReassignOutcomeView }
  | { kind: 'resolve'; outcome: ResolveOutcomeView }
  | { kind: 'cancel'; outcome: CancelOutcomeView };

function problemText(t: AdminTranslate, problem: UsageProblem): string {
  switch (problem.code) {
    case 'missingOrderId':
    case 'missingEmail':
    case 'missingReason':
    case 'missingClaimId':
    case 'unreadableCard':
      return t(`problem.${problem.code}`);
    case 'badPage':
      return t('problem.badPage', { max: MAX_PAGE });
    default:
      return t(`problem.${problem.code}`, { value: problem.value });
  }
}

function remindText(t: AdminTranslate, locale: Locale, outcome: RemindOutcomeView): [string, string] {
  switch (outcome.kind) {
    case 'reminded':
      return [
        t('remind.title'),
        t(outcome.what === 'step' ? 'remind.done' : 'remind.doneInvitation', outcome),
      ];
    case 'notStarted':
      return [
        t('remind.failedTitle'),
        t('remind.notStarted', { orderId: outcome.orderId, date: formatDay(outcome.startDate, locale) }),
      ];
    case 'ended':
      return [
        t('remind.failedTitle'),
        t('remind.ended', { orderId: outcome.orderId, status: statusLabel(t, outcome.status) }),
      ];
    case 'needsAttention':
      return [
        t('remind.failedTitle'),
        t('remind.needsAttention', { orderId: outcome.orderId, reason: describeReason(t, outcome.reason) }),
      ];
    case 'busy':
      return [t('remind.failedTitle'), t('remind.busy', outcome)];
  }
}

function reassignText(t: AdminTranslate, outcome: ReassignOutcomeView): [string, string] {
  switch (outcome.kind) {
    case 'reassigned':
      return [t('reassign.title'), t('reassign.done', outcome)];
    case 'contactChanged':
      return [t('reassign.title'), t('reassign.contactChanged', outcome)];
    case 'unchanged':
      return [t('reassign.failedTitle'), t('reassign.unchanged', outcome)];
    case 'ended':
      return [
        t('reassign.failedTitle'),
        t('reassign.ended', { orderId: outcome.orderId, status: statusLabel(t, outcome.status) }),
      ];
    case 'busy':
      return [t('reassign.failedTitle'), t('reassign.busy', outcome)];
    case 'refused':
      return [t('reassign.failedTitle'), t('reassign.refused', outcome)];
  }
}

function content(t: AdminTranslate, locale: Locale, notice: AdminNotice): [string, string[]] {
  switch (notice.kind) {
    case 'unknownOrder':
      return [t('notice.unknownOrder.title'), [t('notice.unknownOrder', { orderId: notice.orderId })]];
    case 'notAdmin':
      return [
        t('notice.notAdmin.title'),
        [t('notice.notAdmin', { what: t(`what.${notice.command}`) }), t('notice.notAdmin.hint')],
      ];
    case 'usage': {
      const lines = [
        problemText(t, notice.problem),
        t('notice.usage.form', { form: COMMAND_FORMS[notice.command] }),
      ];
      if (notice.command === 'orders')
        lines.push(t('notice.usage.statuses', { statuses: ORDER_FILTERS.join(', ') }));
      return [t('notice.usage.title'), lines];
    }
    case 'noOwnSetup':
      return [t('notice.usage.title'), [t('notice.noOwnSetup')]];
    case 'privateAnswer':
      return [t('admin.app'), [t('notice.privateAnswer')]];
    case 'remind': {
      const [title, line] = remindText(t, locale, notice.outcome);
      return [title, [line]];
    }
    case 'reassign': {
      const [title, line] = reassignText(t, notice.outcome);
      return [title, [line]];
    }
    case 'resolve': {
      const [title, line] = resolveText(t, locale, notice.outcome);
      return [title, [line]];
    }
    case 'cancel': {
      const [title, line] = cancelText(t, notice.outcome);
      return [title, [line]];
    }
  }
}

/** The order a notice is about, when showing that order again is the natural next step. */
function statusButtonOrder(notice: AdminNotice): string | undefined {
  switch (notice.kind) {
    case 'remind':
    case 'reassign':
    case 'resolve':
    case 'cancel':
      return notice.outcome.orderId;
    default:
      return undefined;
  }
}

export function renderAdminNotice(notice: AdminNotice, locale: Locale): AdminCardMessage {
  const t = adminTranslator(locale);
  const [title, lines] = content(t, locale, notice);
  const orderId = statusButtonOrder(notice);
  const actions =
    orderId === undefined ? [] : [adminSubmit(t('status.refresh'), { admin: 'status', orderId })];
  const card = createAdminCard(
    t,
    title,
    lines.map((line) => paragraph(line)),
    actions,
  );
  return toAdminMessage(t, card, [title, ...lines]);
}
