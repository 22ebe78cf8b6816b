import { type EmulatorServer, startEmulatorServer } from '@wxcc-order-setup/webex-emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { instrumentGateway } from '../../src/metrics/instrumented-gateway.js';
import { createPrometheusMetrics } from '../../src/metrics/prometheus.metrics.js';
import { createRestGateway } from '../../src/webex/rest.gateway.js';
import { createWebexHttpClient } from '../../src/webex/webex-http.client.js';
import { createCapturingLogger } from '../webex/support/capturing-logger.js';
import { parseExposition, sampleValue } from './exposition.js';

/** The counting gateway over the real one, against the emulator over HTTP, with injected faults. */

let server: EmulatorServer;

beforeAll(async () => {
  server = await startEmulatorServer();
});
afterAll(() => server.close());
afterEach(() => server.emulator.faults.clear());

function countingGateway() {
  const bot = server.emulator.bot;
  const logger = createCapturingLogger();
  const http = createWebexHttpClient({
    apiUrl: server.apiUrl,
    accessToken: bot.token,
    // A Retry-After longer than this is given up on at once: the 429 is the call's last answer.
    retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50, maxRetryAfterMs: 200 },
    requestTimeoutMs: 5_000,
    logger,
  });
  const gateway = createRestGateway({
    http,
    identity: () => ({ id: bot.id, email: bot.email, displayName: bot.displayName }),
    logger,
  });
  const metrics = createPrometheusMetrics({
    readOutbox: async () => ({ byStatus: {}, oldestPendingAt: undefined }),
    classifyError: () => undefined,
    now: () => new Date(),
  });
  const samples = async () => parseExposition((await metrics.render()).body);
  return { gateway: instrumentGateway(gateway, metrics), samples };
}

const calls = (endpoint: string, status: string) => ({ endpoint, status });

describe('Webex calls, counted by endpoint and status', () => {
  it('counts successes, refusals and a rate limit that outlasted the retries', async () => {
    const { gateway, samples } = countingGateway();
    const ana = await server.emulator.createPerson('ana@partner.example');

    await gateway.sendMessage({ toPersonEmail: ana.email }, { text: 'Hello' });
    await gateway.listDirectMessages(ana.email, 5);
    const refused = await gateway
      .sendMessage({ toPersonEmail: 'ghost@partner.example' }, { text: 'Hello' })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ status: 404 });

    server.emulator.faults.setRateLimit({ requests: 1, windowMs: 30_000 });
    await gateway.listDirectMessages(ana.email, 1);
    const limited = await gateway
      .sendMessage({ toPersonEmail: ana.email }, { text: 'later' })
      .catch((error: unknown) => error);
    expect(limited).toMatchObject({ status: 429 });

    const seen = await samples();
    const count = (labels: Record<string, string>) => sampleValue(seen, 'wxcc_webex_api_calls_total', labels);
    expect(count(calls('POST /messages', '2xx'))).toBe(1);
    expect(count(calls('POST /messages', '404'))).toBe(1);
    expect(count(calls('POST /messages', '429'))).toBe(1);
    expect(count(calls('GET /messages', '2xx'))).toBe(2);
    expect(
      sampleValue(seen, 'wxcc_webex_api_call_duration_seconds_count', { endpoint: 'POST /messages' }),
    ).toBe(3);
  });

  it('counts a call that got no answer as no_answer', async () => {
    const { gateway, samples } = countingGateway();
    // Nothing listens at the API's address any more: every attempt fails to connect.
    await server.close();
    try {
      await expect(gateway.listRoomMemberEmails('some-room')).rejects.toMatchObject({ status: undefined });
      expect(
        sampleValue(await samples(), 'wxcc_webex_api_calls_total', calls('GET /memberships', 'no_answer')),
      ).toBe(1);
    } finally {
      server = await startEmulatorServer();
    }
  });
});

describe('a scrape while the database hangs', () => {
  it('gives up reading the outbox after its timeout and still answers', async () => {
    const metrics = createPrometheusMetrics({
      readOutbox: () => new Promise(() => {}),
      readTimeoutMs: 200,
      classifyError: () => undefined,
      now: () => new Date(),
    });
    const started = Date.now();
    const seen = parseExposition((await metrics.render()).body);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(sampleValue(seen, 'wxcc_outbox_read_up')).toBe(0);
    // A read that never came back counts as the database being unavailable.
    expect(sampleValue(seen, 'wxcc_database_errors_total', { kind: 'unavailable' })).toBe(1);
  });
});
