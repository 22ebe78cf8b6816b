import { describe, expect, it } from 'vitest';
import { startSetup } from '../conversation/setup-walk.js';
import { stepOf } from '../support/setup-client.js';
import { type TestApp, waitFor } from '../support/test-app.js';
import { useTestApp } from '../support/use-test-app.js';
import { parseExposition, type Sample, sampleValue } from './exposition.js';

const METRICS_TOKEN = 'metrics-token-of-this-test-0123';

async function scrape(app: TestApp, token: string | undefined) {
  const response = await fetch(`${app.url}/metrics`, {
    headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
  });
  return { status: response.status, type: response.headers.get('content-type'), text: await response.text() };
}

/** Scrapes until `holds` accepts the samples (what a click changes is recorded as its handler ends). */
async function scrapeUntil(app: TestApp, what: string, holds: (samples: Sample[]) => boolean) {
  return waitFor(what, async () => {
    const { status, text } = await scrape(app, app.ordersApiToken);
    if (status !== 200) throw new Error(`/metrics answered ${status}: ${text}`);
    const samples = parseExposition(text);
    return holds(samples) ? samples : undefined;
  });
}

const transitions = (samples: Sample[], step: string, outcome: string) =>
  sampleValue(samples, 'wxcc_setup_transitions_total', { step, outcome }) ?? 0;

describe('GET /metrics with the orders API token', () => {
  const app = useTestApp();

  it('counts the steps walked, times them, and shows the Webex calls, the outbox and the process', async () => {
    const { client, role, person } = await startSetup(app, 'mia@partner.example', 'MET-1');
    await client.click(role, { action: 'next', choice: 'partner' });
    const who = await client.nextStep('whoSetsUp');
    await client.click(who, { action: 'next', choice: 'me' });
    const partner = await client.nextStep('partnerOrg');
    await client.click(partner, { action: 'next', choice: 'correct' });
    const admin = await client.nextStep('customerAdmin');
    // Not an address: the step is answered again with the error, and does not move.
    await client.click(admin, { action: 'next' }, { customerAdminEmail: 'not an address' });
    const again = await client.next();
    expect(stepOf(again)).toBe('customerAdmin');

    // A card reaches the person before it is recorded as sent: wait for both records.
    const shown = (await person.messagesFromBot()).length;
    const samples = await scrapeUntil(
      app,
      'the invalid answer to be counted, and every card shown recorded as sent',
      (s) =>
        transitions(s, 'customerAdmin', 'answered') === 1 &&
        (sampleValue(s, 'wxcc_outbox_messages', { status: 'sent' }) ?? 0) >= shown,
    );
    for (const step of ['invite', 'role', 'whoSetsUp', 'partnerOrg'])
      expect(transitions(samples, step, 'advanced'), step).toBe(1);
    expect(transitions(samples, 'customerAdmin', 'advanced')).toBe(0);

    const advanced = sampleValue(samples, 'wxcc_submit_to_card_seconds_count', { outcome: 'advanced' });
    expect(advanced).toBe(4);
    expect(sampleValue(samples, 'wxcc_submit_to_card_seconds_count', { outcome: 'answered' })).toBe(1);
    expect(sampleValue(samples, 'wxcc_submit_to_card_seconds_sum', { outcome: 'advanced' })).toBeGreaterThan(
      0,
    );
    // Every observation falls in some bucket: the +Inf one counts them all.
    expect(
      sampleValue(samples, 'wxcc_submit_to_card_seconds_bucket', { outcome: 'advanced', le: '+Inf' }),
    ).toBe(4);

    // Each card the person saw was one call of the gateway that succeeded.
    const seen = (await person.messagesFromBot()).length;
    const sends = sampleValue(samples, 'wxcc_webex_api_calls_total', {
      endpoint: 'POST /messages',
      status: '2xx',
    });
    expect(sends).toBeGreaterThanOrEqual(seen);
    expect(
      sampleValue(samples, 'wxcc_webex_api_call_duration_seconds_count', { endpoint: 'POST /messages' }),
    ).toBeGreaterThanOrEqual(seen);

    expect(sampleValue(samples, 'wxcc_outbox_read_up')).toBe(1);
    expect(sampleValue(samples, 'wxcc_outbox_messages', { status: 'sent' })).toBeGreaterThanOrEqual(seen);
    for (const status of ['pending', 'sending', 'failed'])
      expect(sampleValue(samples, 'wxcc_outbox_messages', { status }), status).toBeGreaterThanOrEqual(0);
    expect(sampleValue(samples, 'wxcc_outbox_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(0);

    expect(sampleValue(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(sampleValue(samples, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('reports the scheduler rounds and how late the last one started', async () => {
    const samples = await scrapeUntil(
      app,
      'a scheduler round',
      (s) => (sampleValue(s, 'wxcc_scheduler_rounds_total', { outcome: 'ok' }) ?? 0) >= 1,
    );
    expect(sampleValue(samples, 'wxcc_scheduler_lag_seconds')).toBeGreaterThanOrEqual(0);
    expect(sampleValue(samples, 'wxcc_scheduler_last_round_duration_seconds')).toBeGreaterThan(0);
  });

  it('is served in the text format', async () => {
    const { status, type, text } = await scrape(app, app.ordersApiToken);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(text).toContain('# HELP wxcc_submit_to_card_seconds Seconds from a setup card submit');
    expect(text).toContain('# TYPE wxcc_submit_to_card_seconds histogram');
  });

  it('refuses a scrape without the token, or with a wrong one', async () => {
    const none = await scrape(app, undefined);
    expect(none.status).toBe(401);
    expect(none.text).toContain('ORDERS_API_TOKEN');
    const wrong = await scrape(app, `${app.ordersApiToken}x`);
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain('wxcc_');
  });
});

describe('GET /metrics with METRICS_TOKEN set', () => {
  const app = useTestApp({ env: { METRICS_TOKEN } });

  it('accepts the metrics token and refuses the orders API token', async () => {
    expect((await scrape(app, METRICS_TOKEN)).status).toBe(200);
    const withApiToken = await scrape(app, app.ordersApiToken);
    expect(withApiToken.status).toBe(401);
    const none = await scrape(app, undefined);
    expect(none.status).toBe(401);
    expect(none.text).toContain('METRICS_TOKEN');
  });

  it('leaves /api to the orders API token', async () => {
    expect((await app.callApi('GET', '/orders')).status).toBe(200);
    const refused = await fetch(`${app.api}/orders`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(refused.status).toBe(401);
  });
});
