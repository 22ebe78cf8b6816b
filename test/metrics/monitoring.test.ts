import { describe, expect, it } from 'vitest';
import { buildMonitoring } from '../../src/app/metrics.builder.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger } from '../../src/log/logger.js';
import { countingDatabaseErrors } from '../../src/metrics/database-errors.js';
import { isDatabaseUnavailable } from '../../src/storage/connect.js';
import { openRepositories } from '../../src/storage/repositories.js';
import { openTestDatabase, useTestDatabase } from '../support/use-test-app.js';
import { parseExposition, sampleValue } from './exposition.js';

function localConfig(env: Record<string, string> = {}) {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  return loaded.config;
}

const T0 = new Date('2026-03-02T09:00:00Z');

describe('the outbox as a scrape reads it', () => {
  const database = useTestDatabase({ label: 'metrics' });

  it('counts messages by status and tells the age of the oldest one not yet sent', async () => {
    const repositories = await openRepositories(database.db, createSilentLogger());
    const outbox = repositories.outbox;
    const message = (id: string) => ({
      id,
      channel: 'webex' as const,
      target: { toPersonEmail: 'ana@partner.example' },
      payload: { text: id },
      purpose: { kind: 'reply' },
    });
    await outbox.enqueue(message('first'), T0, 'host:1#one');
    await outbox.enqueue(message('second'), new Date(T0.getTime() + 30_000), 'host:1#one');
    const clock = { now: new Date(T0.getTime() + 90_000) };
    const monitoring = buildMonitoring({
      config: localConfig(),
      storage: database,
      repositories,
      ordersApiToken: 'o'.repeat(32),
      now: () => clock.now,
    });

    const samples = parseExposition((await monitoring.metrics.render()).body);
    expect(sampleValue(samples, 'wxcc_outbox_read_up')).toBe(1);
    expect(sampleValue(samples, 'wxcc_outbox_messages', { status: 'pending' })).toBe(2);
    expect(sampleValue(samples, 'wxcc_outbox_messages', { status: 'sent' })).toBe(0);
    expect(sampleValue(samples, 'wxcc_outbox_oldest_pending_age_seconds')).toBe(90);

    // Read again at each scrape: the clock moved, and so did the age.
    clock.now = new Date(T0.getTime() + 150_000);
    const later = parseExposition((await monitoring.metrics.render()).body);
    expect(sampleValue(later, 'wxcc_outbox_oldest_pending_age_seconds')).toBe(150);
    expect(sampleValue(later, 'wxcc_database_errors_total', { kind: 'unavailable' })).toBeUndefined();
  });

  it('answers at once, without the outbox gauges, when the database does not', async () => {
    const lost = await openTestDatabase('metrics_outage');
    const repositories = await openRepositories(lost.db, createSilentLogger());
    const monitoring = buildMonitoring({
      config: localConfig(),
      storage: lost,
      repositories,
      ordersApiToken: 'o'.repeat(32),
      readTimeoutMs: 300,
      now: () => T0,
    });
    await lost.close();

    const started = Date.now();
    const samples = parseExposition((await monitoring.metrics.render()).body);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(sampleValue(samples, 'wxcc_outbox_read_up')).toBe(0);
    expect(samples.filter((sample) => sample.name === 'wxcc_outbox_messages')).toEqual([]);
    expect(sampleValue(samples, 'wxcc_outbox_oldest_pending_age_seconds')).toBeNaN();
    expect(sampleValue(samples, 'wxcc_database_errors_total', { kind: 'unavailable' })).toBe(1);
    // The process metrics are there all the same.
    expect(sampleValue(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });
});

describe('database errors at a boundary', () => {
  const database = useTestDatabase({ label: 'metrics_errors' });

  it('counts a refused write as other, and an error that is not the database’s not at all', async () => {
    const monitoring = buildMonitoring({
      config: localConfig(),
      storage: database,
      repositories: await openRepositories(database.db, createSilentLogger()),
      ordersApiToken: 'o'.repeat(32),
      now: () => T0,
    });
    const isUnavailable = countingDatabaseErrors(isDatabaseUnavailable, monitoring.metrics);
    const twice = database.db.collection<{ _id: string }>('metrics_probe');
    await twice.insertOne({ _id: 'one' });
    const duplicate = await twice.insertOne({ _id: 'one' }).catch((error: unknown) => error);

    expect(isUnavailable(duplicate)).toBe(false);
    expect(isUnavailable(new Error('a bug of our own'))).toBe(false);

    const samples = parseExposition((await monitoring.metrics.render()).body);
    expect(sampleValue(samples, 'wxcc_database_errors_total', { kind: 'other' })).toBe(1);
    expect(sampleValue(samples, 'wxcc_database_errors_total', { kind: 'unavailable' })).toBeUndefined();
  });
});

describe('a database that is gone, at a boundary', () => {
  it('is told as unavailable (the work is kept), and counted so', async () => {
    const lost = await openTestDatabase('metrics_gone');
    const repositories = await openRepositories(lost.db, createSilentLogger());
    const monitoring = buildMonitoring({
      config: localConfig(),
      storage: lost,
      repositories,
      ordersApiToken: 'o'.repeat(32),
      now: () => T0,
    });
    await lost.close();
    const failure = await repositories.outbox.countByStatus().catch((error: unknown) => error);

    expect(countingDatabaseErrors(isDatabaseUnavailable, monitoring.metrics)(failure)).toBe(true);
    const samples = parseExposition((await monitoring.metrics.render()).body);
    // The one the boundary was asked about, and the scrape's own read of the outbox.
    expect(sampleValue(samples, 'wxcc_database_errors_total', { kind: 'unavailable' })).toBe(2);
    expect(sampleValue(samples, 'wxcc_database_errors_total', { kind: 'other' })).toBeUndefined();
  });
});

describe('the token of /metrics', () => {
  const database = useTestDatabase({ label: 'metrics_token' });

  async function tokenWith(env: Record<string, string>) {
    const monitoring = buildMonitoring({
      config: localConfig(env),
      storage: database,
      repositories: await openRepositories(database.db, createSilentLogger()),
      ordersApiToken: 'o'.repeat(32),
      now: () => T0,
    });
    return monitoring.token;
  }

  it('is METRICS_TOKEN when set, and the orders API token otherwise', async () => {
    expect(await tokenWith({ METRICS_TOKEN: 'm'.repeat(16) })).toEqual({
      value: 'm'.repeat(16),
      variable: 'METRICS_TOKEN',
    });
    expect(await tokenWith({})).toEqual({ value: 'o'.repeat(32), variable: 'ORDERS_API_TOKEN' });
  });

  it('refuses a METRICS_TOKEN shorter than 16 characters, naming it', () => {
    const short = loadConfig({ METRICS_TOKEN: 'short' });
    expect(short.ok).toBe(false);
    if (short.ok) return;
    expect(short.problems).toEqual([
      {
        variable: 'METRICS_TOKEN',
        problem: 'must be at least 16 characters',
        example: '<at least 16 random characters>',
      },
    ]);
  });
});
