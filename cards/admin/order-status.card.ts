import type { CountryCatalog } from '../../flows/countries.js';
import type { SetupAnswers } from '../../flows/order-setup.answers.js';
import type { Locale } from '../../flows/order-setup.schemas.js';
import { OPEN_STATUSES, type OrderView } from '../../flows/order-view.types.js';
import type { CardElement, InputText } from '../adaptive-card.types.js';
import { EMAIL_REGEX, factSet, paragraph, progressBar, progressText } from '../card-kit.js';
import { REASSIGN_EMAIL_INPUT } from './admin-action.schema.js';
import type { AdminCardMessage, AdminSubmitAction } from './admin-card.types.js';
import {
  type AdminTranslate,
  adminSubmit,
  adminTranslator,
  createAdminCard,
  formatDateTime,
  formatDay,
  formatRelative,
  statusColor,
  statusLabel,
  toAdminMessage,
} from './admin-card-kit.js';
import { answerIdRows, answerRows } from './order-answers.js';
import {
  currentOwnerOf,
  customerNameOf,
  describeHistoryEntry,
  describeProgress,
  describeReason,
} from './order-describe.js';

/** How many history entries the card shows, newest first. */
export const HISTORY_SHOWN = 8;

/**
 * One order, as an administrator sees it (with Remind and Reassign while it is open, and Resolve
 * while it needs attention) or as its
 * partner sees it (the same facts, no buttons, no names of who acted).
 */
export interface OrderStatusModel {
  order: OrderView;
  audience: 'admin' | 'partner';
  now: Date;
  /** What the setup has collected so far; null (or left out) while it has not started. */
  answers?: SetupAnswers | null;
  /** The country list, to name countries and regions; without it their codes are shown. */
  countries?: CountryCatalog;
}

function facts(t: AdminTranslate, locale: Locale, model: OrderStatusModel): Array<[string, string]> {
  const { order, now } = model;
  const when = (iso: string | null) =>
    iso === null
      ? t('admin.notYet')
      : `${formatDateTime(iso, locale, order.timeZone)} (${formatRelative(t, iso, now, locale)})`;
  const rows: Array<[string, string]> = [[t('status.status'), statusLabel(t, order.status)]];
  if (order.statusReason !== null) rows.push([t('status.reason'), describeReason(t, order.statusReason)]);
  rows.push(
    [t('status.step'), describeProgress(t, locale, order)],
    [t('status.owner'), currentOwnerOf(order)],
    [t('status.contact'), order.provisioningContactEmail],
    [t('status.partner'), order.partnerName ?? t('admin.notKnown')],
    ...customerRows(t, model),
    [t('status.startDate'), formatDay(order.requestedStartDate, locale)],
    [t('status.invited'), when(order.invitedAt)],
    [t('status.lastActivity'), when(order.lastActivityAt)],
    [t('status.deadline'), when(order.deadlineAt)],
  );
  return rows;
}

/** The customer's name (the company typed in the setup wins), and the order's when it differs. */
function customerRows(t: AdminTranslate, model: OrderStatusModel): Array<[string, string]> {
  const { order } = model;
  const name = customerNameOf(order, model.answers?.company);
  const rows: Array<[string, string]> = [[t('status.customer'), name ?? t('admin.notKnown')]];
  if (order.customerName !== null && name !== order.customerName)
    rows.push([t('status.customerOnOrder'), order.customerName]);
  return rows;
}

function historyLines(t: AdminTranslate, locale: Locale, model: OrderStatusModel): string[] {
  const { order } = model;
  return order.history
    .slice(-HISTORY_SHOWN)
    .reverse()
    .map((entry) => {
      const at = formatDateTime(entry.at, locale, order.timeZone);
      const by = model.audience === 'admin' ? ` ${t('history.by', { by: entry.by })}` : '';
      return `${at}: ${describeHistoryEntry(t, locale, entry)}${by}`;
    });
}

/** Where the setup is, drawn: the setup cards' progress bar (all done once completed). */
function progress(order: OrderView): { n: number; total: number } | undefined {
  if (order.setup === null) return undefined;
  const { stepNumber, totalSteps } = order.setup;
  return order.status === 'completed'
    ? { n: totalSteps + 1, total: totalSteps }
    : { n: stepNumber, total: totalSteps };
}

function actions(t: AdminTranslate, model: OrderStatusModel): AdminSubmitAction[] {
  const { orderId, status } = model.order;
  if (model.audience !== 'admin') return [];
  const refresh = adminSubmit(t('status.refresh'), { admin: 'status', orderId }, { skipInputs: true });
  if (!OPEN_STATUSES.includes(status)) return [refresh];
  const resolve = adminSubmit(t('status.resolve'), { admin: 'resolve', orderId }, { skipInputs: true });
  return [
    ...(status === 'needs_attention' ? [resolve] : []),
    adminSubmit(t('status.remind'), { admin: 'remind', orderId }, { skipInputs: true }),
    adminSubmit(t('status.reassign'), { admin: 'reassign', orderId }),
    refresh,
  ];
}

export function renderOrderStatus(model: OrderStatusModel, locale: Locale): AdminCardMessage {
  const t = adminTranslator(locale);
  const { order } = model;
  const title = t('status.title', { orderId: order.orderId });
  const rows = facts(t, locale, model);
  const history = historyLines(t, locale, model);
  const older = Math.max(order.history.length - HISTORY_SHOWN, 0);
  const drawn = progress(order);
  const body: CardElement[] = [
    paragraph(statusLabel(t, order.status), { weight: 'bolder', color: statusColor(order.status) }),
  ];
  if (drawn !== undefined) body.push(progressBar(drawn.n, drawn.total));
  const labels = { locale, ...(model.countries === undefined ? {} : { countries: model.countries }) };
  const answered = model.answers == null ? [] : answerRows(t, model.answers, labels);
  const ids = model.answers == null ? [] : answerIdRows(t, model.answers);
  body.push(factSet(rows), paragraph(t('answers.title'), { weight: 'bolder', spacing: 'medium' }));
  body.push(answered.length > 0 ? factSet(answered) : paragraph(t('answers.none'), { isSubtle: true }));
  body.push(paragraph(t('status.history'), { weight: 'bolder', spacing: 'medium' }));
  body.push(...history.map((line) => paragraph(line, { size: 'small', spacing: 'none' })));
  if (older > 0)
    body.push(paragraph(t('status.historyOlder', { count: older }), { isSubtle: true, size: 'small' }));
  // Ids last and small: names are what a person recognises; the ids are for Control Hub.
  if (ids.length > 0)
    body.push(paragraph(t('status.details'), { weight: 'bolder', spacing: 'medium', size: 'small' }), {
      ...factSet(ids),
      spacing: 'none',
    });
  const buttons = actions(t, model);
  if (buttons.some((button) => button.data.admin === 'reassign')) {
    const input: InputText = {
      type: 'Input.Text',
      id: REASSIGN_EMAIL_INPUT,
      label: t('status.reassignLabel'),
      style: 'email',
      maxLength: 254,
      regex: EMAIL_REGEX,
      spacing: 'medium',
    };
    body.push(input);
  }
  // Rows of two in the body, not the card's own row: Webex lays that out in one line, and three
  // or four buttons ran past the card's edge at phone width (360 px) in both languages.
  const card = createAdminCard(t, title, body);
  for (let i = 0; i < buttons.length; i += 2)
    card.body.push({
      type: 'ActionSet',
      actions: buttons.slice(i, i + 2),
      spacing: i === 0 ? 'medium' : 'small',
    });
  return toAdminMessage(t, card, [
    title,
    drawn === undefined ? null : progressText(Math.min(drawn.n, drawn.total), drawn.total),
    ...rows.map(([name, value]) => `${name}: ${value}`),
    `${t('answers.title')}:`,
    // Answers read like the facts above (no dash): the dashed lines are the history.
    ...(answered.length > 0 ? answered.map(([name, value]) => `${name}: ${value}`) : [t('answers.none')]),
    `${t('status.history')}:`,
    ...history.map((line) => `- ${line}`),
    ...(ids.length > 0
      ? [`${t('status.details')}:`, ...ids.map(([name, value]) => `${name}: ${value}`)]
      : []),
  ]);
}
