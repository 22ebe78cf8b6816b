import { getHeapStatistics } from 'node:v8';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { DatabaseErrorKind, Metrics } from './metrics.port.js';

/** The outbox as read at scrape time. */
export interface OutboxSnapshot {
  byStatus: Record<string, number>;
  /** When the oldest message not yet sent was queued; undefined when none waits. */
  oldestPendingAt: Date | undefined;
}

export interface PrometheusMetricsOptions {
  /** Reads the outbox from the database on each scrape. */
  readOutbox: () => Promise<OutboxSnapshot>;
  /** How long a scrape waits for `readOutbox`: a database outage must not hang the scrape. */
  readTimeoutMs?: number;
  /** Tells a database error by kind (undefined: not the database's). */
  classifyError: (error: unknown) => DatabaseErrorKind | undefined;
  /** The app's clock, the one outbox times are written with. */
  now: () => Date;
}

export interface PrometheusMetrics extends Metrics {
  /** The exposition in Prometheus' text format, with the outbox read now. */
  render(): Promise<{ contentType: string; body: string }>;
  /** Reports, at each scrape, the entries kept in memory by structure (see `wxcc_tracked_entries`). */
  trackEntries(read: () => Record<string, number>): void;
}

/** Latencies of one click, in seconds: most are tens of milliseconds, a bad one seconds. */
const SUBMIT_BUCKETS = [0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10];
const CALL_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 15];

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`outbox not read within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The metrics of one running bot in a registry of its own (several bots in one process, as in
 * tests, do not mix), with Node's default process metrics.
 */
export function createPrometheusMetrics(options: PrometheusMetricsOptions): PrometheusMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });

  const transitions = new Counter({
    name: 'wxcc_setup_transitions_total',
    help: 'Setup card submits by the step of the card clicked and outcome: advanced (a transition was saved), conflict (another click or instance saved first), answered (answered without moving: invalid input, an old or closed card, a show-only button), failed (the handler threw).',
    labelNames: ['step', 'outcome'],
    registers,
  });
  const submitLatency = new Histogram({
    name: 'wxcc_submit_to_card_seconds',
    help: 'Seconds from a setup card submit reaching its handler (after intake and the inbox) to the answer being queued in the outbox (the next card, or the notice why there is none), by outcome; failed submits are not observed. Sending from the outbox to Webex is in wxcc_webex_api_call_duration_seconds.',
    labelNames: ['outcome'],
    buckets: SUBMIT_BUCKETS,
    registers,
  });
  const webexCalls = new Counter({
    name: 'wxcc_webex_api_calls_total',
    help: 'Webex REST calls made through the gateway by endpoint and status: 2xx, or the HTTP status of the last answer once retries gave up (429 included), no_answer (connection lost or timed out), error (an answer that could not be read). Calls of the Webex SDK inside the framework are not counted.',
    labelNames: ['endpoint', 'status'],
    registers,
  });
  const webexCallSeconds = new Histogram({
    name: 'wxcc_webex_api_call_duration_seconds',
    help: 'Seconds a Webex REST call through the gateway took, retries and their waits included, by endpoint.',
    labelNames: ['endpoint'],
    buckets: CALL_BUCKETS,
    registers,
  });
  const outboxDepth = new Gauge({
    name: 'wxcc_outbox_messages',
    help: 'Messages in the outbox by status (pending, sending, sent, failed), read from the database at scrape time.',
    labelNames: ['status'],
    registers,
  });
  const oldestPending = new Gauge({
    name: 'wxcc_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest message not yet sent (pending or sending), 0 when none waits, NaN when the outbox could not be read; read at scrape time.',
    registers,
  });
  const outboxReadable = new Gauge({
    name: 'wxcc_outbox_read_up',
    help: '1 when this scrape read the outbox, 0 when the database did not answer in time (wxcc_outbox_messages is then absent, the oldest age NaN).',
    registers,
  });
  const schedulerLag = new Gauge({
    name: 'wxcc_scheduler_lag_seconds',
    help: 'How late the last scheduler round started against when it was due (its interval after the previous round ended, or the moment it was asked for).',
    registers,
  });
  const schedulerRoundSeconds = new Gauge({
    name: 'wxcc_scheduler_last_round_duration_seconds',
    help: 'How long the last scheduler round ran.',
    registers,
  });
  const schedulerRounds = new Counter({
    name: 'wxcc_scheduler_rounds_total',
    help: 'Scheduler rounds by outcome (ok, failed).',
    labelNames: ['outcome'],
    registers,
  });
  const databaseErrors = new Counter({
    name: 'wxcc_database_errors_total',
    help: 'Database errors that reached a boundary (an event, an HTTP request, a scheduler round, a scrape) by kind: unavailable (unreachable right now) or other.',
    labelNames: ['kind'],
    registers,
  });
  const webhooksBroken = new Gauge({
    name: 'wxcc_webhooks_broken',
    help: "The bot's webhooks (of the two it needs) that this instance last saw inactive or missing, and has not mended yet.",
    registers,
  });
  const webhookMends = new Counter({
    name: 'wxcc_webhook_mends_total',
    help: 'Webhooks the watch set active again (reactivated) or created again (recreated).',
    labelNames: ['action'],
    registers,
  });

  new Gauge({
    name: 'wxcc_heap_limit_bytes',
    help: "V8's heap ceiling (heap_size_limit): the old generation's maximum plus the young generation's. npm run start:prod sets the old generation's to 512 MB (--max-old-space-size), so that V8 collects the heap before it grows far past what is live; left to size itself on a large machine, it lets the heap grow to about four times the live data before collecting.",
    registers,
    collect() {
      this.set(getHeapStatistics().heap_size_limit);
    },
  });

  let readTracked: () => Record<string, number> = () => ({});
  new Gauge({
    name: 'wxcc_tracked_entries',
    help: 'Entries this process keeps in memory per space, person or event, by structure (framework_spaces: the spaces the Webex framework holds an object for, at most WEBEX_SPACES_KEPT; event_lanes, people_cached, ...); each is bounded, read at scrape time.',
    labelNames: ['structure'],
    registers,
    collect() {
      this.reset();
      for (const [structure, count] of Object.entries(readTracked())) this.set({ structure }, count);
    },
  });

  const metrics: Metrics = {
    cardSubmitHandled(step, outcome, seconds) {
      transitions.inc({ step, outcome });
      if (outcome !== 'failed') submitLatency.observe({ outcome }, seconds);
    },
    webexCall(endpoint, status, seconds) {
      webexCalls.inc({ endpoint, status });
      webexCallSeconds.observe({ endpoint }, seconds);
    },
    schedulerRound(report) {
      schedulerLag.set(Math.max(0, report.lateMs) / 1000);
      schedulerRoundSeconds.set(report.durationMs / 1000);
      schedulerRounds.inc({ outcome: report.ok ? 'ok' : 'failed' });
    },
    databaseError(kind) {
      databaseErrors.inc({ kind });
    },
    webhooksBroken(count) {
      webhooksBroken.set(count);
    },
    webhookMended(action) {
      webhookMends.inc({ action });
    },
  };

  async function readOutbox(): Promise<void> {
    outboxDepth.reset();
    // NaN, not 0, while unknown: a backlog the database hides is not an empty one.
    oldestPending.set(Number.NaN);
    try {
      const snapshot = await withTimeout(options.readOutbox(), options.readTimeoutMs ?? 2_000);
      for (const [status, count] of Object.entries(snapshot.byStatus)) outboxDepth.set({ status }, count);
      const oldest = snapshot.oldestPendingAt;
      const age = oldest === undefined ? 0 : (options.now().getTime() - oldest.getTime()) / 1000;
      oldestPending.set(Math.max(0, age));
      outboxReadable.set(1);
    } catch (error) {
      outboxReadable.set(0);
      // A read that timed out is an outage as the scrape saw it.
      metrics.databaseError(options.classifyError(error) ?? 'unavailable');
    }
  }

  return {
    ...metrics,
    async render() {
      await readOutbox();
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
    trackEntries(read) {
      readTracked = read;
    },
  };
}
