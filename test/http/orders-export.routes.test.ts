import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createOrdersRouter } from '../../src/http/orders.routes.js';
import { EXPORT_COLUMNS } from '../../src/http/orders-export.routes.js';
import { createHttpApp, listen, type RunningHttpServer } from '../../src/http/server.js';
import { createSilentLogger } from '../../src/log/logger.js';
import { parseCsv } from '../../src/orders/import/csv.parser.js';
import { newOrderSchema } from '../../src/orders/order-input.schema.js';
import { createSetupReadBack } from '../../src/setups/setup-read-back.js';
import { createSetupsRepository } from '../../src/storage/setups.repository.js';
import { orderBody, useOrdersHarness } from '../orders/support/orders-harness.js';

const TOKEN = 'test-export-token-0123456789';
const h = useOrdersHarness('export');
let server: RunningHttpServer;
let base: string;

beforeAll(async () => {
  const logger = createSilentLogger();
  const readBack = createSetupReadBack(createSetupsRepository(h.storage.db));
  // Two orders a batch, so that five cancelled orders take three reads.
  const router = createOrdersRouter({
    service: h.service,
    readBack,
    apiToken: TOKEN,
    logger,
    exportBatchSize: 2,
  });
  server = await listen(
    createHttpApp({ logger, mounts: [{ path: '/api/orders', router }], readiness: [] }),
    0,
    '127.0.0.1',
  );
  base = `${server.url}/api/orders`;
});
afterAll(async () => {
  await server?.close();
});

const exportOf = (query: string, token = TOKEN) =>
  fetch(`${base}/export${query}`, { headers: { authorization: `Bearer ${token}` } });
const problemSchema = z.object({
  error: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).default([]),
});

/** The CSV's records as objects by column name, after checking the BOM, the header and the CRLFs. */
async function rowsOf(response: Response): Promise<Array<Record<string, string>>> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  expect(text.endsWith('\r\n')).toBe(true);
  const parsed = parseCsv(text);
  expect(parsed.problems).toEqual([]);
  const [header, ...records] = parsed.records;
  expect(header?.fields).toEqual(EXPORT_COLUMNS.map(([name]) => name));
  return records.map((record) =>
    Object.fromEntries(EXPORT_COLUMNS.map(([name], index) => [name, record.fields[index] ?? ''])),
  );
}

async function create(overrides: Record<string, unknown>) {
  const result = await h.service.createOrder(newOrderSchema.parse(orderBody(overrides)), 'api');
  if (result.kind === 'window_closed') throw new Error('refused');
  return result.order;
}

describe('GET /api/orders/export', () => {
  it('answers a header row alone when nothing matches', async () => {
    const response = await exportOf('?status=completed');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename=orders-completed.csv');
    expect(await rowsOf(response)).toEqual([]);
  });

  it('pages through every matching order, one row each, quoted and safe for spreadsheets', async () => {
    const names = ['Acme, Inc.', '=HYPERLINK(A1,"x")', 'Say "hi"', '@risk', 'Plain'];
    for (const [i, customerName] of names.entries()) {
      await create({ orderId: `EXP-${i}`, customerName, requestedStartDate: '2025-07-01' });
      h.clock.advance(1_000);
      expect((await h.service.cancelOrder(`EXP-${i}`, null, 'api')).kind).toBe('changed');
    }
    await create({ orderId: 'EXP-OPEN', requestedStartDate: '2025-07-01' });
    const response = await exportOf('?status=cancelled');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename=orders-cancelled.csv');
    const rows = await rowsOf(response);
    expect(rows.map((row) => row.orderId).sort()).toEqual(['EXP-0', 'EXP-1', 'EXP-2', 'EXP-3', 'EXP-4']);
    const byId = new Map(rows.map((row) => [row.orderId, row]));
    expect(byId.get('EXP-0')?.customerName).toBe('Acme, Inc.');
    expect(byId.get('EXP-1')?.customerName).toBe('\'=HYPERLINK(A1,"x")');
    expect(byId.get('EXP-2')?.customerName).toBe('Say "hi"');
    expect(byId.get('EXP-3')?.customerName).toBe("'@risk");
    expect(byId.get('EXP-4')).toMatchObject({
      status: 'cancelled',
      requestedStartDate: '2025-07-01',
      offer: 'other',
      timeZone: 'Europe/Zagreb',
      provisioningContactEmail: 'contact@partner.example',
      role: '',
      company: '',
      completedAt: '',
    });
  });

  it('exports every status without a filter, and several with a comma list', async () => {
    const all = await rowsOf(await exportOf(''));
    expect(all.map((row) => row.orderId)).toContain('EXP-OPEN');
    expect(all).toHaveLength(6);
    const some = await exportOf('?status=scheduled,cancelled');
    expect(some.headers.get('content-disposition')).toBe(
      'attachment; filename=orders-scheduled-cancelled.csv',
    );
    expect(await rowsOf(some)).toHaveLength(6);
    expect((await exportOf('')).headers.get('content-disposition')).toBe(
      'attachment; filename=orders-all.csv',
    );
  });

  it.each([
    ['an unknown status', '?status=done', 'query.status.0'],
    ['an empty status', '?status=', 'query.status.0'],
    ['a status given twice', '?status=completed&status=expired', 'query.status'],
    ['an unknown parameter', '?status=completed&limit=5', 'query.limit'],
  ])('answers 400 for %s, naming the parameter', async (_what, query, path) => {
    const response = await exportOf(query);
    expect(response.status).toBe(400);
    const problem = problemSchema.parse(await response.json());
    expect(problem.error).toBe('The export query is not valid.');
    expect(problem.issues.map((issue) => issue.path)).toEqual([path]);
  });

  it('names the statuses in a bad status message', async () => {
    const problem = problemSchema.parse(await (await exportOf('?status=done')).json());
    expect(problem.issues[0]?.message).toBe(
      'must be one or more of scheduled, invited, in_progress, needs_attention, completed, expired, cancelled (comma-separated)',
    );
  });

  it('needs the bearer token like the rest of the API', async () => {
    expect((await exportOf('?status=completed', 'wrong-token')).status).toBe(401);
  });

  it('is not taken for an order id, in any case', async () => {
    for (const path of ['/export', '/EXPORT']) {
      const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    }
    // An order's own route still answers JSON.
    const order = await fetch(`${base}/EXP-OPEN`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(z.object({ orderId: z.string(), answers: z.null() }).parse(await order.json()).orderId).toBe(
      'EXP-OPEN',
    );
  });

  it('starts no cell with a formula when a spreadsheet splits the file on ";"', async () => {
    const names = ["Evil;=cmd|' /C calc'!A0", ';=1', "'=1+1;@SUM(2+2)", 'Semi; -2, +3'];
    for (const [i, customerName] of names.entries())
      await create({ orderId: `SEMI-${i}`, customerName, requestedStartDate: '2025-07-01' });
    const response = await exportOf('?status=scheduled');
    const text = await response.text();
    for (const name of names) expect(text).toContain(name.split(';')[0]);
    // Every cell of every line, split as a semicolon-locale spreadsheet does.
    const cells = text.split('\r\n').flatMap((line) => line.split(';'));
    for (const cell of cells) expect(cell.replace(/^[\s"]*/, '')).not.toMatch(/^[=+\-@]/);
  });
});
