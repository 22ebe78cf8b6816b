import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';
import { placeOrder, startSetup, walkTo } from '../conversation/setup-walk.js';
import { useTestApp } from '../support/use-test-app.js';

/**
 * The JSON logs of a whole run (at debug level: a complete setup, administrators' commands, the
 * API with good and bad tokens, refused webhooks) hold no full email address and no secret.
 */

const lines: string[] = [];
const logger = createLogger('debug', {}, { write: (line: string) => void lines.push(line) });
const SECRET = 'privacy-webhook-secret-0123456789';
const ADMIN = 'ops.privacy@example.com';
const OWNER = 'jane.owner@partner.example';
const app = useTestApp({ env: { WEBEX_WEBHOOK_SECRET: SECRET }, admins: [ADMIN], logger });

/** A character of an address right before `@`: masking leaves `j***@`, so a hit is a full address. */
const FULL_EMAIL = /[A-Za-z0-9._%+-]@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

describe('privacy of the logs', () => {
  it('masks every email address and never logs a token or secret over a whole run', async () => {
    const started = await startSetup(app, OWNER, 'PRIV-1', { trialOrgId: undefined });
    const review = await walkTo(started.client, started.role, 'review', {
      customerAdminEmail: 'it.admin@privacy-customer.example',
    });
    await started.client.click(review, { action: 'next', choice: 'confirm' });
    expect((await started.client.next()).text).toContain('Order setup complete');

    const admin = await app.person(ADMIN);
    for (const command of [
      'status PRIV-1',
      'orders',
      'attention',
      'report',
      'reassign PRIV-1 x@partner.example',
    ])
      await admin.say(command);
    await admin.waitForMessages(5, 30_000);
    await placeOrder(app, 'PRIV-2', 'second.contact@partner.example');
    await fetch(`${app.api}/orders`, { headers: { authorization: 'Bearer wrong-token-value-123' } });
    await fetch(`${app.url}/webhooks/webex`, {
      method: 'POST',
      body: '{"id":"x"}',
      headers: { 'content-type': 'application/json' },
    });
    await fetch(`${app.api}/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.ordersApiToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        orderId: 'PRIV-BAD',
        provisioningContactEmail: 'not an email but leak@example.com x',
      }),
    });
    await app.emulator?.webhooksIdle();

    expect(lines.length).toBeGreaterThanOrEqual(10);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    const all = lines.join('');
    // The scan sees addresses at all: they are there, masked.
    expect(all).toMatch(/o\*\*\*@webex\.bot/);
    expect(all.match(FULL_EMAIL) ?? []).toEqual([]);
    const secrets = [
      app.ordersApiToken,
      SECRET,
      started.person.token,
      admin.token,
      app.emulator?.bot.token ?? 'no bot token',
      'wrong-token-value-123',
    ];
    for (const secret of secrets) expect(all).not.toContain(secret);
    process.stdout.write(`privacy: ${lines.length} log lines scanned\n`);
  }, 120_000);
});
