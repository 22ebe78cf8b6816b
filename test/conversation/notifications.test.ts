import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { driveSetup, stepOf } from '../support/setup-client.js';
import { waitFor } from '../support/test-app.js';
import { useTestApp } from '../support/use-test-app.js';
import { mustLoadSetup, uniqueSuffix, waitForOrder } from './conversation-fixture.js';
import { cardWords, startSetup, walkTo } from './setup-walk.js';

const SECRET = 'provisioning-secret-for-tests-0123';
const ADMIN = 'ops.lead@admins.example';

interface Received {
  raw: string;
  signature: string | undefined;
  timestamp: string | undefined;
}

/** A small provisioning endpoint: records every POST with its raw body and signature headers. */
async function startReceiver(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const header = (name: string) => {
        const value = req.headers[name];
        return typeof value === 'string' ? value : undefined;
      };
      received.push({
        raw: Buffer.concat(chunks).toString('utf8'),
        signature: header('x-signature'),
        timestamp: header('x-signature-timestamp'),
      });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = z.custom<AddressInfo>((a) => typeof a === 'object' && a !== null).parse(server.address());
  return {
    url: `http://127.0.0.1:${port}/hooks/wxcc-order`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function isSignedBy(secret: string, item: Received): boolean {
  if (item.signature === undefined || item.timestamp === undefined) return false;
  const expected = `sha256=${createHmac('sha256', secret).update(`${item.timestamp}.${item.raw}`).digest('hex')}`;
  const given = Buffer.from(item.signature);
  return given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
}

const notificationSchema = z.looseObject({
  event: z.literal('order.setup.completed'),
  orderId: z.string(),
  customerOrgId: z.string(),
  partnerOrgId: z.string().nullable(),
  customerAdminEmail: z.string(),
  countryCode: z.string(),
});

describe('who is told when a setup ends', () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver?.close();
  });
  const app = useTestApp({
    admins: [ADMIN],
    env: () => ({ PROVISIONING_WEBHOOK_URL: receiver.url, PROVISIONING_WEBHOOK_SECRET: SECRET }),
  });

  it('sends a signed provisioning notification and tells the administrator on completion', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-NOTIFY-${x}`;
    const admin = await driveSetup(await app.person(ADMIN));
    const { client, role } = await startSetup(app, `notify.${x}@partner.example`, orderId);
    const review = await walkTo(client, role, 'review', {
      customerAdminEmail: `admin.${x}@kupac.example`,
      countryCode: 'DE',
    });
    await client.click(review, { action: 'next', choice: 'confirm' });
    await waitForOrder(app, orderId, 'completed', (o) => o.status === 'completed');

    const delivery = await waitFor('provisioning notification', async () =>
      receiver.received.find((item) => item.raw.includes(orderId)),
    );
    expect(isSignedBy(SECRET, delivery)).toBe(true);
    expect(isSignedBy('another-secret-entirely-0123456', delivery)).toBe(false);
    const body = notificationSchema.parse(JSON.parse(delivery.raw));
    expect(body).toMatchObject({
      orderId,
      customerAdminEmail: `admin.${x}@kupac.example`,
      countryCode: 'DE',
    });

    const alert = await waitFor('completion alert', async () => {
      const message = await admin.next();
      // The customer administrator the setup named is held for approval: that alert comes too.
      const text = message.text ?? '';
      return text.includes(orderId) && !text.startsWith('Approval needed') ? message : undefined;
    });
    expect(alert.text).toContain('Order setup completed');
  });

  it('tells the administrator when a setup needs attention, and sends no provisioning notification', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-ATTENTION-${x}`;
    const admin = await driveSetup(await app.person(ADMIN));
    const { client, role } = await startSetup(app, `attention.${x}@partner.example`, orderId);
    const partner = await walkTo(client, role, 'partnerOrg');
    await client.click(partner, { action: 'next', choice: 'notCorrect' });

    const alert = await waitFor('attention alert', async () => {
      const message = await admin.next();
      return (message.text ?? '').includes(orderId) ? message : undefined;
    });
    expect(alert.text).toContain('Order needs attention');
    // In words, not the stored code, with the way out.
    expect(alert.text).toContain('Why: the partner said the partner organization details are wrong');
    expect(alert.text).not.toContain('partner_org_incorrect');
    expect(alert.text).toContain(`resolve ${orderId}`);
    expect(receiver.received.some((item) => item.raw.includes(orderId))).toBe(false);
  });

  it('takes the setup back to the customer administrator when the directory refuses it at the end', async () => {
    const x = uniqueSuffix();
    const orderId = `SUB-REFUSED-${x}`;
    const taken = `late.${x}@kupac.example`;
    const admin = await driveSetup(await app.person(ADMIN));
    const { client, role } = await startSetup(app, `refused.${x}@partner.example`, orderId);
    const review = await walkTo(client, role, 'review', { customerAdminEmail: taken });
    // Between the step and the confirmation, someone else's organization takes the address.
    const created = await app.callApi('POST', '/customer-orgs', {
      name: `Faster ${x}`,
      adminEmail: taken,
      countryCode: 'HR',
    });
    expect(created.status).toBe(201);

    await client.click(review, { action: 'next', choice: 'confirm' });
    // Not "done": the customer administrator card again, the reason under the field, the address kept.
    const again = await client.next();
    expect(stepOf(again)).toBe('customerAdmin');
    const words = cardWords(again);
    expect(words).toContain('this address was added to another Webex organization');
    expect(words).toContain(`input customerAdminEmail=${taken}`);
    const order = await waitForOrder(
      app,
      orderId,
      'refusal recorded',
      (o) =>
        o.history.some((entry) => entry.action === 'completion_refused') && o.setup?.step === 'customerAdmin',
    );
    // The owner can fix it: the order stays in progress, at the customer administrator step.
    expect(order.status).toBe('in_progress');
    expect(order.setup?.step).toBe('customerAdmin');
    expect((await mustLoadSetup(app, orderId)).status).toBe('active');
    const alert = await waitFor('refusal alert', async () => {
      const message = await admin.next();
      return (message.text ?? '').includes(orderId) ? message : undefined;
    });
    expect(alert.text).toContain('Completion refused');
    expect(alert.text).toContain(
      `the customer administrator ${taken} already belongs to another Webex organization`,
    );
    expect(alert.text).not.toContain('customer_admin_taken');

    // Another address: the organization is confirmed again, then the review, and this time it completes.
    await client.click(again, { action: 'next' }, { customerAdminEmail: `it.${x}@kupac.example` });
    const orgCard = await client.nextStep('customerOrg');
    await client.click(orgCard, { action: 'next' }, { orgChoice: 'new' });
    const reviewAgain = await client.nextStep('review');
    expect(cardWords(reviewAgain)).toContain(`it.${x}@kupac.example`);
    await client.click(reviewAgain, { action: 'next', choice: 'confirm' });
    expect((await client.next()).text).toContain('Order setup complete');
    await waitForOrder(app, orderId, 'completed', (o) => o.status === 'completed');
  });
});
