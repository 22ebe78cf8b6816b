import express, { type ErrorRequestHandler, type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Logger } from '../log/logger.js';
import { emailSchema, newOrderSchema, orderIdSchema, toInputIssues } from '../orders/order-input.schema.js';
import { ORDER_STATUSES } from '../orders/order-view.js';
import type { ChangeResult, OrdersService } from '../orders/orders.service.js';
import { describeClosedWindow } from '../orders/setup-window.js';
import type { SetupReadBack } from '../setups/setup-read-back.js';
import { requireBearerToken } from './bearer-auth.js';
import { createOrdersExportHandler } from './orders-export.routes.js';
import { sendProblem } from './problems.js';

export interface OrdersRouterOptions {
  service: OrdersService;
  /** The setups' answers, shown with an order and in the export. */
  readBack: SetupReadBack;
  apiToken: string;
  logger: Logger;
  /** Largest JSON body accepted; orders are small, so a small limit stops abuse early. */
  bodyLimit?: string;
  /** Orders the CSV export reads at a time. */
  exportBatchSize?: number;
  /** Whether the directory has this customer organization with a trial (checked for `trialOrgId`). */
  isTrialOrg?: (orgId: string) => Promise<boolean>;
}

/** Who acts, as recorded in history: `api` unless the caller says `import` or gives a person's email. */
const actorSchema = z.union([z.enum(['api', 'import']), emailSchema]).default('api');

const listQuerySchema = z.strictObject({
  status: z
    .union([z.string(), z.array(z.string())])
    .transform((value) => (Array.isArray(value) ? value : [value]).flatMap((item) => item.split(',')))
    .pipe(z.array(z.enum(ORDER_STATUSES, { error: `must be one or more of ${ORDER_STATUSES.join(', ')}` })))
    .optional(),
  limit: z
    .string({ error: 'must be a whole number from 1 to 200' })
    .regex(/^\d+$/, 'must be a whole number from 1 to 200')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be at least 1').max(200, 'must be at most 200'))
    .optional(),
  cursor: z.string({ error: 'must be a cursor from a previous page' }).optional(),
});

const cursorSchema = z.object({ t: z.number().int(), id: z.string() });

/** An opaque cursor: the position of the last item of a page, base64url-encoded. */
function encodeCursor(position: { lastActivityAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify({ t: position.lastActivityAt.getTime(), id: position.id })).toString(
    'base64url',
  );
}

function decodeCursor(cursor: string): { lastActivityAt: Date; id: string } | undefined {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return parsed.success ? { lastActivityAt: new Date(parsed.data.t), id: parsed.data.id } : undefined;
  } catch {
    return undefined;
  }
}

const patchSchema = z
  .strictObject({
    provisioningContactEmail: emailSchema.optional(),
    status: z.literal('cancelled', { error: 'can only be set to "cancelled"' }).optional(),
    reason: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(500, 'must be at most 500 characters')
      .optional(),
  })
  .superRefine((body, ctx) => {
    const email = body.provisioningContactEmail !== undefined;
    const cancel = body.status !== undefined;
    if (email === cancel)
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'send either provisioningContactEmail or status: "cancelled"',
      });
    if (body.reason !== undefined && !cancel)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'is only allowed with status: "cancelled"' });
  });

/**
 * The orders API under `/api/orders`: bearer token first, then a small JSON body, then zod. Bad
 * input is answered with every problem at once and never reaches the database.
 */
export function createOrdersRouter(options: OrdersRouterOptions): Router {
  const { service } = options;
  const router = Router();
  router.use(requireBearerToken(options.apiToken));

  const json = express.json({ limit: options.bodyLimit ?? '32kb' });
  router.use((req, res, next) => {
    if (req.method !== 'POST' && req.method !== 'PATCH') return next();
    if (!req.is('application/json'))
      return sendProblem(res, 415, 'Content-Type must be application/json, with a JSON object as the body.');
    return json(req, res, next);
  });

  function actorOf(req: Request, res: Response): string | undefined {
    const parsed = actorSchema.safeParse(req.get('x-actor'));
    if (parsed.success) return parsed.data;
    sendProblem(res, 400, 'Invalid X-Actor header.', [
      { path: 'header.x-actor', message: 'must be api, import, or an email address' },
    ]);
    return undefined;
  }

  function sendChange(res: Response, orderId: string, result: ChangeResult): void {
    if (result.kind === 'not_found') {
      sendProblem(res, 404, `No order ${orderId}.`);
      return;
    }
    if (result.kind === 'not_allowed') {
      res.status(409).json({ error: result.message, status: result.order.status });
      return;
    }
    res.status(200).json(result.order);
  }

  router.post('/', async (req, res) => {
    const by = actorOf(req, res);
    if (by === undefined) return;
    const parsed = newOrderSchema.safeParse(req.body);
    if (!parsed.success) return sendProblem(res, 400, 'The order is not valid.', toInputIssues(parsed.error));
    const trialOrgId = parsed.data.trialOrgId;
    if (
      trialOrgId !== undefined &&
      options.isTrialOrg !== undefined &&
      !(await options.isTrialOrg(trialOrgId))
    )
      return sendProblem(res, 422, 'The order is not valid.', [
        { path: 'trialOrgId', message: 'is not a customer organization with a trial in the directory' },
      ]);
    const result = await service.createOrder(parsed.data, by);
    if (result.kind === 'window_closed') {
      const { closedOn } = result.window;
      return sendProblem(
        res,
        422,
        `Order ${parsed.data.orderId} can no longer be set up: its setup window closed on ${closedOn}. It was not stored.`,
        [{ path: 'requestedStartDate', message: describeClosedWindow(result.window) }],
      );
    }
    if (result.kind === 'conflict') {
      const fields = result.differences.map((d) => d.field);
      res.status(409).json({
        error: `Order ${result.order.orderId} already exists with different ${fields.join(', ')}.`,
        fields,
        differences: result.differences,
      });
      return;
    }
    if (result.kind === 'created') res.status(201).location(`${req.baseUrl}/${result.order.orderId}`);
    res.json(result.order);
  });

  router.get('/', async (req, res) => {
    const parsed = listQuerySchema.safeParse(req.query);
    if (!parsed.success)
      return sendProblem(res, 400, 'The query is not valid.', toInputIssues(parsed.error, 'query'));
    const { status, limit, cursor } = parsed.data;
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    if (cursor !== undefined && after === undefined)
      return sendProblem(res, 400, 'The query is not valid.', [
        { path: 'query.cursor', message: 'is not a cursor from a previous page' },
      ]);
    const page = await service.listOrders(status === undefined ? {} : { statuses: status }, {
      limit: limit ?? 50,
      ...(after === undefined ? {} : { after }),
    });
    res.json({ items: page.items, nextCursor: page.next === undefined ? null : encodeCursor(page.next) });
  });

  // Before `/:orderId`, which would take `export` for an order id (which is why that id is reserved).
  router.get(
    '/export',
    createOrdersExportHandler({
      service,
      readBack: options.readBack,
      logger: options.logger,
      ...(options.exportBatchSize === undefined ? {} : { batchSize: options.exportBatchSize }),
    }),
  );

  router.get('/:orderId', async (req, res) => {
    const id = orderIdSchema.safeParse(req.params.orderId);
    if (!id.success)
      return sendProblem(res, 404, 'No order has this id; order ids are letters, digits, ".", "_" or "-".');
    const order = await service.getOrder(id.data);
    if (order === undefined) return sendProblem(res, 404, `No order ${id.data}.`);
    res.json({ ...order, answers: await options.readBack.answersOf(order.orderId) });
  });

  router.patch('/:orderId', async (req, res) => {
    const by = actorOf(req, res);
    if (by === undefined) return;
    const parsed = patchSchema.safeParse(req.body);
    if (!parsed.success)
      return sendProblem(res, 400, 'The change is not valid.', toInputIssues(parsed.error));
    const id = orderIdSchema.safeParse(req.params.orderId);
    if (!id.success)
      return sendProblem(res, 404, 'No order has this id; order ids are letters, digits, ".", "_" or "-".');
    const { provisioningContactEmail: email, reason } = parsed.data;
    const result =
      email !== undefined
        ? await service.changeContact(id.data, email, by)
        : await service.cancelOrder(id.data, reason ?? null, by);
    sendChange(res, id.data, result);
  });

  const boundary: ErrorRequestHandler = (error, _req, res, next) => {
    if (error?.type === 'entity.too.large')
      return sendProblem(res, 413, `Request body is larger than ${options.bodyLimit ?? '32kb'}.`);
    if (error?.type === 'entity.parse.failed')
      return sendProblem(res, 400, `Request body is not valid JSON: ${String(error.message)}`);
    if (error?.type === 'encoding.unsupported' || error?.type === 'charset.unsupported')
      return sendProblem(res, 415, String(error.message));
    // The server's one boundary answers the rest: 503 for an unreachable database, else 500.
    return next(error);
  };
  router.use(boundary);
  return router;
}
