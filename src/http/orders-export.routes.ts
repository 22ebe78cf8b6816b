import type { RequestHandler, Response } from 'express';
import { z } from 'zod';
import type { Logger } from '../log/logger.js';
import { csvRecord } from '../orders/export/csv.writer.js';
import type { OrderListPosition } from '../orders/order.model.js';
import { toInputIssues } from '../orders/order-input.schema.js';
import { ORDER_STATUSES, type OrderStatus, type OrderView } from '../orders/order-view.js';
import type { OrdersService } from '../orders/orders.service.js';
import type { SetupAnswers } from '../setups/setup-answers.js';
import type { SetupReadBack } from '../setups/setup-read-back.js';
import { sendProblem } from './problems.js';

/**
 * `GET /api/orders/export?status=…`: every matching order as one CSV row with the setup's answers,
 * for the team that provisions the tenant. Orders are read a batch at a time and written as they
 * come, so a large export holds one batch in memory.
 */

type Column = readonly [
  name: string,
  value: (order: OrderView, answers: SetupAnswers | null) => string | null,
];

const historyAt = (order: OrderView, action: string) =>
  order.history.findLast((entry) => entry.action === action)?.at ?? null;

const partnerOrg = (a: SetupAnswers | null) => a?.partnerOrg ?? null;
const customerOrg = (a: SetupAnswers | null) => a?.customerOrg ?? null;

/** The columns, in order; the header row is their names. */
export const EXPORT_COLUMNS: readonly Column[] = [
  ['orderId', (o) => o.orderId],
  ['status', (o) => o.status],
  ['statusReason', (o) => o.statusReason],
  ['requestedStartDate', (o) => o.requestedStartDate],
  ['offer', (o) => o.offer],
  ['timeZone', (o) => o.timeZone],
  ['provisioningContactEmail', (o) => o.provisioningContactEmail],
  ['partnerName', (o) => o.partnerName],
  ['customerName', (o) => o.customerName],
  ['trialOrgId', (o) => o.trialOrgId],
  ['setupOwnerEmail', (o) => o.setup?.ownerEmail ?? null],
  ['setupStep', (o) => o.setup?.step ?? null],
  ['role', (_, a) => a?.role ?? null],
  ['whoSetsUp', (_, a) => a?.whoSetsUp ?? null],
  ['partnerOrgMode', (_, a) => partnerOrg(a)?.mode ?? null],
  [
    'partnerOrgId',
    (_, a) => {
      const org = partnerOrg(a);
      return org?.mode === 'existing' ? org.orgId : null;
    },
  ],
  ['partnerOrgName', (_, a) => partnerOrg(a)?.name ?? null],
  ['partnerOrgAdminEmail', (_, a) => partnerOrg(a)?.adminEmail ?? null],
  ['customerAdminEmail', (_, a) => a?.customerAdminEmail ?? null],
  ['company', (_, a) => a?.company ?? null],
  ['countryCode', (_, a) => a?.countryCode ?? null],
  ['region', (_, a) => a?.region ?? null],
  ['customerOrgMode', (_, a) => customerOrg(a)?.mode ?? null],
  [
    'customerOrgId',
    (_, a) => {
      const org = customerOrg(a);
      return org?.mode === 'existing' ? org.orgId : null;
    },
  ],
  [
    'customerOrgName',
    (_, a) => {
      const org = customerOrg(a);
      return org?.mode === 'existing' ? org.name : null;
    },
  ],
  ['createdAt', (o) => o.createdAt],
  ['invitedAt', (o) => o.invitedAt],
  ['completedAt', (o) => historyAt(o, 'completed')],
  ['deadlineAt', (o) => o.deadlineAt],
];

/** The header row: the columns' names, as a CSV record. */
export function exportHeader(): string {
  return csvRecord(EXPORT_COLUMNS.map(([name]) => name));
}

/** One order and its setup's answers (null before the setup starts) as a CSV record. */
export function exportRow(order: OrderView, answers: SetupAnswers | null): string {
  return csvRecord(EXPORT_COLUMNS.map(([, value]) => value(order, answers)));
}

const BOM = '\uFEFF';

const STATUS_MESSAGE = `must be one or more of ${ORDER_STATUSES.join(', ')} (comma-separated)`;

const exportQuerySchema = z.strictObject({
  status: z
    .string({ error: STATUS_MESSAGE })
    .transform((value) => value.split(','))
    .pipe(z.array(z.enum(ORDER_STATUSES, { error: STATUS_MESSAGE })).min(1, STATUS_MESSAGE))
    .optional(),
});

export interface OrdersExportOptions {
  service: Pick<OrdersService, 'listOrders'>;
  readBack: SetupReadBack;
  logger: Logger;
  /** Orders read per batch. */
  batchSize?: number;
}

/** `orders-completed.csv`, `orders-completed-expired.csv`, or `orders-all.csv`. */
function fileNameOf(statuses: readonly OrderStatus[] | undefined): string {
  return `orders-${statuses === undefined ? 'all' : [...new Set(statuses)].join('-')}.csv`;
}

async function writeChunk(res: Response, chunk: string): Promise<void> {
  // Waits for the socket to drain, so a slow reader does not pile the whole export up in memory.
  if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve));
}

/** The export's handler; mount it before `/:orderId`, which would otherwise take `export` for an id. */
export function createOrdersExportHandler(options: OrdersExportOptions): RequestHandler {
  const batchSize = options.batchSize ?? 200;
  const log = options.logger.child({ component: 'orders-export' });
  return async (req, res) => {
    const parsed = exportQuerySchema.safeParse(req.query);
    if (!parsed.success)
      return sendProblem(res, 400, 'The export query is not valid.', toInputIssues(parsed.error, 'query'));
    const statuses = parsed.data.status;
    const filter = statuses === undefined ? {} : { statuses };
    // The first batch is read before the headers go out, so a failing database is still a 500.
    let page = await options.service.listOrders(filter, { limit: batchSize });
    res.status(200);
    res.attachment(fileNameOf(statuses));
    res.type('text/csv; charset=utf-8');
    res.set('cache-control', 'no-store');
    let rows = 0;
    try {
      // A byte order mark first: spreadsheets then read the file as UTF-8 (names with č, ć, š).
      await writeChunk(res, `${BOM}${exportHeader()}`);
      for (;;) {
        const answers = await options.readBack.answersOfMany(page.items.map((order) => order.orderId));
        const chunk = page.items.map((order) => exportRow(order, answers.get(order.orderId) ?? null));
        if (chunk.length > 0) await writeChunk(res, chunk.join(''));
        rows += chunk.length;
        const after: OrderListPosition | undefined = page.next;
        if (after === undefined) break;
        page = await options.service.listOrders(filter, { limit: batchSize, after });
      }
    } catch (error) {
      // The status line is gone already: cut the response short, so the file is visibly incomplete.
      log.error({ error, rows }, 'orders export failed midway');
      res.destroy(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    res.end();
  };
}
