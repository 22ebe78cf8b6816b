/** Counters of what the emulator did, for tests and benchmarks (`GET /_admin/stats`). */
export interface EmulatorStats {
  requests: {
    total: number;
    /** By route, e.g. `POST /messages` or `GET /messages/:messageId`. */
    byRoute: Record<string, number>;
    /** By answered status code. */
    byStatus: Record<string, number>;
  };
  rateLimited: number;
  injectedFailures: number;
  webhooks: { deliveries: number; attempts: number; succeeded: number; failed: number; retried: number };
}

/** Mutable counters; `snapshot()` copies them out. */
export function createStats() {
  const stats: EmulatorStats = {
    requests: { total: 0, byRoute: {}, byStatus: {} },
    rateLimited: 0,
    injectedFailures: 0,
    webhooks: { deliveries: 0, attempts: 0, succeeded: 0, failed: 0, retried: 0 },
  };
  const bump = (record: Record<string, number>, key: string) => {
    record[key] = (record[key] ?? 0) + 1;
  };
  return {
    request(route: string) {
      stats.requests.total += 1;
      bump(stats.requests.byRoute, route);
    },
    status(status: number) {
      bump(stats.requests.byStatus, String(status));
    },
    rateLimited() {
      stats.rateLimited += 1;
    },
    injectedFailure() {
      stats.injectedFailures += 1;
    },
    webhook(kind: keyof EmulatorStats['webhooks']) {
      stats.webhooks[kind] += 1;
    },
    snapshot(): EmulatorStats {
      return structuredClone(stats);
    },
    reset() {
      stats.requests = { total: 0, byRoute: {}, byStatus: {} };
      stats.rateLimited = 0;
      stats.injectedFailures = 0;
      stats.webhooks = { deliveries: 0, attempts: 0, succeeded: 0, failed: 0, retried: 0 };
    },
  };
}

export type Stats = ReturnType<typeof createStats>;
