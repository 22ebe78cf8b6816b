import type { Locale } from '../../flows/order-setup.schemas.js';
import type { OrderView } from '../../flows/order-view.types.js';
import type { CardElement, Container } from '../adaptive-card.types.js';
import { paragraph } from '../card-kit.js';
import type { OrderFilter } from './admin-action.schema.js';
import type { AdminCardMessage, AdminSubmitAction } from './admin-card.types.js';
import {
  type AdminTranslate,
  adminSubmit,
  adminTranslator,
  createAdminCard,
  formatDateTime,
  formatRelative,
  statusColor,
  statusLabel,
  toAdminMessage,
} from './admin-card-kit.js';
import { currentOwnerOf, customerNameOf, describeProgress, describeReason } from './order-describe.js';

/** Where the next page starts: the last order of this one (newest activity first). */
export interface ListCursor {
  afterAt: string;
  afterId: string;
}

/** A page of orders (`orders [status]`) or of the orders that need attention (`attention`). */
export interface OrderListModel {
  kind: 'orders' | 'attention';
  /** Which orders (`orders` only; `attention` is always `needs_attention`). */
  filter: OrderFilter;
  page: number;
  items: OrderView[];
  /** How many orders the filter holds in all. */
  total: number;
  next: ListCursor | undefined;
  now: Date;
  /** The company typed in each order's setup (by order id), which names the customer once given. */
  companies?: ReadonlyMap<string, string>;
}

export function filterLabel(t: AdminTranslate, filter: OrderFilter): string {
  if (filter === 'all' || filter === 'open' || filter === 'closed') return t(`filter.${filter}`);
  return statusLabel(t, filter);
}

/** The command that shows a given page, as a person would type it. */
export function pageCommand(model: Pick<OrderListModel, 'kind' | 'filter'>, page: number): string {
  if (model.kind === 'attention') return `attention page ${page}`;
  return model.filter === 'all' ? `orders page ${page}` : `orders ${model.filter} page ${page}`;
}

/** When the order went into `needs_attention` the last time (its last activity if history lacks it). */
export function attentionSince(order: OrderView): string {
  const entry = order.history.findLast((item) => item.to === 'needs_attention');
  return entry?.at ?? order.lastActivityAt;
}

interface Row {
  title: string;
  status: OrderView['status'];
  line: string;
  when: string;
}

function rowOf(t: AdminTranslate, locale: Locale, model: OrderListModel, order: OrderView): Row {
  const customer = customerNameOf(order, model.companies?.get(order.orderId));
  const names = [customer, order.partnerName].filter((name) => name !== null).join(' / ');
  const title = names === '' ? order.orderId : `${order.orderId} · ${names}`;
  const owner = currentOwnerOf(order);
  if (model.kind === 'attention') {
    const since = attentionSince(order);
    return {
      title,
      status: order.status,
      line: t('attention.row', { reason: describeReason(t, order.statusReason), owner }),
      when: t('attention.since', {
        when: `${formatDateTime(since, locale, order.timeZone)} (${formatRelative(t, since, model.now, locale)})`,
      }),
    };
  }
  return {
    title,
    status: order.status,
    line: t('list.row', {
      status: statusLabel(t, order.status),
      progress: describeProgress(t, locale, order),
      owner,
    }),
    when: t('list.activity', { when: formatRelative(t, order.lastActivityAt, model.now, locale) }),
  };
}

function rowElement(row: Row): Container {
  return {
    type: 'Container',
    separator: true,
    spacing: 'small',
    items: [
      // The title in the text colour: bold accent read as a link, which it is not. The status
      // line carries the status colour.
      paragraph(row.title, { weight: 'bolder' }),
      paragraph(row.line, { size: 'small', spacing: 'none', color: statusColor(row.status) }),
      paragraph(row.when, { size: 'small', spacing: 'none', isSubtle: true }),
    ],
  };
}

function actions(t: AdminTranslate, model: OrderListModel): AdminSubmitAction[] {
  const out: AdminSubmitAction[] = [];
  if (model.next !== undefined) {
    const page = model.page + 1;
    out.push(
      adminSubmit(
        t('list.next'),
        model.kind === 'attention'
          ? { admin: 'attention', page, ...model.next }
          : { admin: 'orders', filter: model.filter, page, ...model.next },
        { style: 'positive' },
      ),
    );
  }
  if (model.kind === 'orders') out.push(adminSubmit(t('list.attention'), { admin: 'attention', page: 1 }));
  out.push(adminSubmit(t('list.report'), { admin: 'report' }));
  return out;
}

export function renderOrderList(model: OrderListModel, locale: Locale): AdminCardMessage {
  const t = adminTranslator(locale);
  const title =
    model.kind === 'attention'
      ? t('attention.title')
      : t('list.title', { filter: filterLabel(t, model.filter) });
  const summary = t('list.page', { page: model.page, shown: model.items.length, total: model.total });
  const rows = model.items.map((order) => rowOf(t, locale, model, order));
  const empty =
    model.page > 1
      ? t('list.emptyPage')
      : model.kind === 'attention'
        ? t('attention.empty')
        : t('list.empty');
  const body: CardElement[] = [paragraph(summary, { isSubtle: true, size: 'small', spacing: 'none' })];
  if (rows.length === 0) body.push(paragraph(empty));
  body.push(...rows.map(rowElement));
  const hint =
    model.next === undefined ? null : t('list.nextHint', { command: pageCommand(model, model.page + 1) });
  if (hint !== null) body.push(paragraph(hint, { isSubtle: true, size: 'small', spacing: 'medium' }));
  const card = createAdminCard(t, title, body, actions(t, model));
  return toAdminMessage(t, card, [
    title,
    summary,
    rows.length === 0 ? empty : null,
    ...rows.flatMap((row) => [`- ${row.title}`, `  ${row.line}; ${row.when}`]),
    hint,
  ]);
}
