import type { OrderFilter } from '../../cards/admin/admin-action.schema.js';
import type { ListCursor } from '../../cards/admin/order-list.card.js';
import type { OrderListPosition } from '../orders/order.model.js';
import {
  FINAL_STATUSES,
  OPEN_STATUSES,
  ORDER_STATUSES,
  type OrderStatus,
  type OrderView,
} from '../orders/order-view.js';
import type { OrderListFilter, OrdersService } from '../orders/orders.service.js';

/** Orders per card: ten rows stay readable and far below Webex's size limits. */
export const PAGE_SIZE = 10;
/** The report counts at most this many orders (the most recently active). */
export const REPORT_SCAN_LIMIT = 20_000;
const SCAN_BATCH = 500;

export type OrderQueries = Pick<OrdersService, 'listOrders' | 'countByStatus'>;

/** The statuses a filter stands for; undefined for all. */
export function statusesOf(filter: OrderFilter): readonly OrderStatus[] | undefined {
  if (filter === 'all') return undefined;
  if (filter === 'open') return OPEN_STATUSES;
  if (filter === 'closed') return FINAL_STATUSES;
  return [filter];
}

function listFilter(filter: OrderFilter): OrderListFilter {
  const statuses = statusesOf(filter);
  return statuses === undefined ? {} : { statuses };
}

export function toPosition(cursor: ListCursor): OrderListPosition {
  return { lastActivityAt: new Date(cursor.afterAt), id: cursor.afterId };
}

function toCursor(position: OrderListPosition | undefined): ListCursor | undefined {
  return position === undefined
    ? undefined
    : { afterAt: position.lastActivityAt.toISOString(), afterId: position.id };
}

export interface OrderPageResult {
  items: OrderView[];
  next: ListCursor | undefined;
  total: number;
}

/**
 * One page of a filtered list, newest activity first. A button carries the cursor where its page
 * starts; a typed `page N` walks there from the start (a few small reads for the pages people
 * actually type).
 */
export async function loadOrderPage(
  orders: OrderQueries,
  filter: OrderFilter,
  page: number,
  cursor: ListCursor | undefined,
): Promise<OrderPageResult> {
  const where = listFilter(filter);
  let after = cursor === undefined ? undefined : toPosition(cursor);
  if (cursor === undefined) {
    for (let skipped = 1; skipped < page; skipped += 1) {
      const previous = await orders.listOrders(where, { limit: PAGE_SIZE, ...(after ? { after } : {}) });
      if (previous.next === undefined)
        return { items: [], next: undefined, total: await countIn(orders, filter) };
      after = previous.next;
    }
  }
  const result = await orders.listOrders(where, { limit: PAGE_SIZE, ...(after ? { after } : {}) });
  return { items: result.items, next: toCursor(result.next), total: await countIn(orders, filter) };
}

async function countIn(orders: OrderQueries, filter: OrderFilter): Promise<number> {
  const counts = await orders.countByStatus();
  const statuses = statusesOf(filter) ?? ORDER_STATUSES;
  return statuses.reduce((sum, status) => sum + counts[status], 0);
}

/** Every order (up to the scan limit), newest activity first, read in batches. */
export async function scanOrders(
  orders: OrderQueries,
  limit = REPORT_SCAN_LIMIT,
): Promise<{ orders: OrderView[]; truncated: boolean }> {
  const out: OrderView[] = [];
  let after: OrderListPosition | undefined;
  for (;;) {
    const batch = await orders.listOrders(
      {},
      { limit: Math.min(SCAN_BATCH, limit - out.length), ...(after ? { after } : {}) },
    );
    out.push(...batch.items);
    if (batch.next === undefined) return { orders: out, truncated: false };
    if (out.length >= limit) return { orders: out, truncated: true };
    after = batch.next;
  }
}
