import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NAME_PROBLEM_MESSAGES } from '../../flows/name-text.js';
import { DEMO_ORG_IDS } from '../../src/directory/demo-directory.seed.js';
import { NEW_ORDER_FIELDS } from '../../src/orders/order-input.schema.js';
import { useTestApp } from '../support/use-test-app.js';
import {
  countCase,
  deeplyNested,
  hostileName,
  operatorValue,
  runs,
  storedState,
  tried,
} from './reliability-support.js';

/**
 * Bad input on the HTTP API, generated: whatever arrives, the answer is a 4xx with a JSON error
 * naming what is wrong, never a 5xx, and nothing stored changes.
 */

const app = useTestApp();
const problemSchema = z.looseObject({
  error: z.string().min(1),
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

async function send(
  method: string,
  path: string,
  body: string | Buffer | undefined,
  headers: Record<string, string> = {},
) {
  const response = await fetch(`${app.api}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${app.ordersApiToken}`,
      'content-type': 'application/json',
      ...headers,
    },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return { status: response.status, json };
}

/** A refusal: 4xx and the API's error shape; returns the issue paths. */
function expectRefused(answer: { status: number; json: unknown }, status?: number): string[] {
  if (status === undefined) {
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
  } else expect(answer.status).toBe(status);
  const problem = problemSchema.parse(answer.json);
  // A stack frame's "at name (", not "that id (" of an ordinary message.
  expect(problem.error).not.toMatch(/internal|stack|\bat \w+ \(/i);
  return (problem.issues ?? []).map((issue) => issue.path);
}

const validOrder = (orderId: string): Record<string, unknown> => ({
  orderId,
  requestedStartDate: '2099-01-15',
  provisioningContactEmail: 'contact@partner.example',
  partnerName: 'Northwind',
  customerName: 'Contoso',
  offer: 'other',
  locale: 'en',
  timeZone: 'Europe/Zagreb',
});

let before: string;
beforeAll(async () => {
  // One order far in the future, so PATCH and GET have something to aim at; the scheduler leaves it.
  expect((await app.callApi('POST', '/orders', validOrder('HYG-EXISTING'))).status).toBe(201);
  before = await storedState(app);
});
afterAll(() => {
  // The figures for docs/reliability.md.
  process.stdout.write(`hygiene-api cases: ${JSON.stringify(tried)}\n`);
});

describe('bad input on the API', () => {
  it('answers any JSON body on every write route with a 4xx and the error shape, storing nothing', async () => {
    const routes = [
      ['POST', '/orders'],
      ['PATCH', '/orders/HYG-EXISTING'],
      ['POST', '/partner-orgs'],
      ['POST', '/customer-orgs'],
    ] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.jsonValue({ maxDepth: 4 }),
        async ([method, path], body) => {
          countCase('arbitrary JSON bodies');
          expectRefused(await send(method, path, JSON.stringify(body)));
        },
      ),
      runs(800),
    );
    expect(await storedState(app)).toBe(before);
  }, 120_000);

  it('refuses a MongoDB operator in any field of an order, naming that field', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NEW_ORDER_FIELDS), operatorValue, async (field, value) => {
        countCase('operator injection (orders)');
        const paths = expectRefused(
          await send('POST', '/orders', JSON.stringify({ ...validOrder('HYG-NEW'), [field]: value })),
          400,
        );
        expect(paths).toContain(field);
      }),
      runs(300),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('provisioningContactEmail', 'status', 'reason'),
        operatorValue,
        async (field, value) => {
          countCase('operator injection (changes)');
          expectRefused(await send('PATCH', '/orders/HYG-EXISTING', JSON.stringify({ [field]: value })), 400);
        },
      ),
      runs(150),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('name', 'adminEmail', 'emailDomains', 'orgId', 'countryCode'),
        operatorValue,
        async (field, value) => {
          countCase('operator injection (directory)');
          const body = { name: 'Acme', adminEmail: 'admin@acme.example', countryCode: 'HR', [field]: value };
          expectRefused(await send('POST', '/customer-orgs', JSON.stringify(body)), 400);
        },
      ),
      runs(150),
    );
    // In a path or a query: answered like anything unknown.
    expectRefused(await send('GET', `/orders/${encodeURIComponent('{"$gt":""}')}`, undefined), 404);
    expectRefused(await send('GET', '/orders?status[$ne]=x', undefined), 400);
    expect(await storedState(app)).toBe(before);
  }, 120_000);

  it('refuses mention markup, control and bidi characters in every name, with the reason, storing nothing', async () => {
    const messages: string[] = Object.values(NAME_PROBLEM_MESSAGES);
    const targets = [
      {
        path: '/orders',
        field: 'partnerName',
        body: (name: string) => ({ ...validOrder('HYG-NAME'), partnerName: name }),
      },
      {
        path: '/orders',
        field: 'customerName',
        body: (name: string) => ({ ...validOrder('HYG-NAME'), customerName: name }),
      },
      {
        path: '/partner-orgs',
        field: 'name',
        body: (name: string) => ({
          name,
          adminEmail: 'a@hyg-partner.example',
          emailDomains: ['hyg-partner.example'],
        }),
      },
      {
        path: '/customer-orgs',
        field: 'name',
        body: (name: string) => ({ name, adminEmail: 'a@hyg.example', countryCode: 'HR' }),
      },
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), hostileName, async (target, name) => {
        countCase('hostile names (API)');
        const answer = await send('POST', target.path, JSON.stringify(target.body(name)));
        expectRefused(answer, 400);
        const issue = problemSchema.parse(answer.json).issues?.find((i) => i.path === target.field);
        expect(messages).toContain(issue?.message);
      }),
      runs(600),
    );
    expect(await storedState(app)).toBe(before);
  }, 120_000);

  it('never answers 5xx to unicode edge cases in any string field', async () => {
    const unicode = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.constantFrom('\u0000', '\ud800', '\udfff', '\u202e', '\u200b', '\ufeff', '\uffff', '𝒜\u0301'),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...NEW_ORDER_FIELDS), unicode, async (field, value) => {
        countCase('unicode edge cases');
        const answer = await send(
          'POST',
          '/orders',
          JSON.stringify({ ...validOrder('HYG-UNI'), orderId: '\u0000', [field]: value }),
        );
        expectRefused(answer, 400);
      }),
      runs(500),
    );
    expect(await storedState(app)).toBe(before);
  }, 120_000);

  it('answers oversized, deeply nested and malformed bodies, wrong types and encodings clearly', async () => {
    const big = JSON.stringify({ ...validOrder('HYG-BIG'), customerName: 'x'.repeat(1_000_000) });
    expect(expectRefused(await send('POST', '/orders', big), 413)).toEqual([]);
    expect(problemSchema.parse((await send('POST', '/orders', big)).json).error).toMatch(/larger than/);
    expectRefused(await send('POST', '/orders', deeplyNested(2_000)), 400);
    expectRefused(await send('POST', '/customer-orgs', deeplyNested(2_000)), 400);
    expectRefused(await send('POST', '/orders', '{"orderId": "A",'), 400);
    expectRefused(await send('POST', '/orders', '\u0000'), 400);
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
    ])
      expectRefused(
        await send('POST', '/orders', JSON.stringify(validOrder('HYG-TYPE')), { 'content-type': type }),
        415,
      );
    const order = JSON.stringify(validOrder('HYG-ENC'));
    for (const [encoding, body] of [
      ['gzip', order],
      ['gzip', gzipSync(order)],
      ['deflate', order],
      ['br', order],
      ['x-unknown', order],
      ['identity, gzip', order],
    ] as const) {
      for (const path of ['/orders', '/customer-orgs']) {
        const answer = await send('POST', path, body, { 'content-encoding': encoding });
        expectRefused(answer, 415);
        expect(problemSchema.parse(answer.json).error).toContain('Content-Encoding');
      }
    }
    expect(await storedState(app)).toBe(before);
    expect((await send('POST', '/orders', order, { 'content-encoding': 'identity' })).status).toBe(201);
  }, 60_000);

  it('refuses a trialOrgId the directory does not know as a trial, naming the field (422)', async () => {
    const now = await storedState(app);
    for (const trialOrgId of ['no-such-org', DEMO_ORG_IDS.contoso, DEMO_ORG_IDS.fabrikam.slice(0, -2)]) {
      const answer = await send(
        'POST',
        '/orders',
        JSON.stringify({ ...validOrder('HYG-TRIAL'), trialOrgId }),
      );
      expect(expectRefused(answer, 422)).toEqual(['trialOrgId']);
    }
    expect(await storedState(app)).toBe(now);
    const known = await send(
      'POST',
      '/orders',
      JSON.stringify({ ...validOrder('HYG-TRIAL'), trialOrgId: DEMO_ORG_IDS.fabrikam }),
    );
    expect(known.status).toBe(201);
  });

  it('removes zero-width characters and folds line breaks in names, storing what people see', async () => {
    const answer = await send(
      'POST',
      '/orders',
      JSON.stringify({
        ...validOrder('HYG-ZW'),
        partnerName: '\ufeffNorth\u200bwind\u200d',
        customerName: ' Contoso\r\n  d.o.o.\t',
      }),
    );
    expect(answer.status).toBe(201);
    expect(answer.json).toMatchObject({ partnerName: 'Northwind', customerName: 'Contoso d.o.o.' });
    const org = await send(
      'POST',
      '/customer-orgs',
      JSON.stringify({ name: 'Zero\u200bWidth\u2060 Ltd', adminEmail: 'a@zw.example', countryCode: 'HR' }),
    );
    expect(org.status).toBe(201);
    expect(org.json).toMatchObject({ name: 'ZeroWidth Ltd' });
  });
});
