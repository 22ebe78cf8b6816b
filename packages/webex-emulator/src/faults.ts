import { z } from 'zod';
import { ApiError, MESSAGES, serverErrorMessage } from './errors.js';

const pattern = {
  /** Only requests with this HTTP method (any case). */
  method: z.string().trim().toUpperCase().optional(),
  /** A regular expression tested against the path under `/v1`, e.g. `^/messages$`. */
  path: z
    .string()
    .refine((value) => {
      try {
        new RegExp(value);
        return true;
      } catch {
        return false;
      }
    }, 'must be a valid regular expression')
    .optional(),
};

export const rateLimitSchema = z.object({
  requests: z.number().int().min(1, 'must be at least 1'),
  windowMs: z.number().int().min(1, 'must be at least 1'),
});

export const failuresSchema = z
  .object({
    status: z.number().int().min(500).max(599).default(503),
    /** Fail the next `count` matching requests, then stop. */
    count: z.number().int().min(1).optional(),
    /** Fail each matching request with this probability. */
    fraction: z.number().min(0).max(1).optional(),
    /** Sent as `Retry-After` with the failure, as Webex sometimes does with a 503. */
    retryAfterSeconds: z.number().int().min(0).optional(),
    ...pattern,
  })
  .refine((value) => !(value.count !== undefined && value.fraction !== undefined), {
    message: 'give count or fraction, not both',
  });

export const latencySchema = z.object({ ms: z.number().int().min(0).max(60_000), ...pattern });

export const faultSettingsSchema = z.object({
  rateLimit: rateLimitSchema.optional(),
  failures: failuresSchema.optional(),
  latency: latencySchema.optional(),
});

export type RateLimitFault = z.input<typeof rateLimitSchema>;
export type FailureFault = z.input<typeof failuresSchema>;
export type LatencyFault = z.input<typeof latencySchema>;
export type FaultSettings = z.input<typeof faultSettingsSchema>;

/** Faults injected into the Webex API, for tests and benchmarks. Each setter replaces its kind. */
export interface FaultControls {
  setRateLimit(limit: RateLimitFault | undefined): void;
  setFailures(failures: FailureFault | undefined): void;
  setLatency(latency: LatencyFault | undefined): void;
  /** Sets the kinds present in `settings`, leaving the others as they are. */
  set(settings: FaultSettings): void;
  clear(): void;
  /** What is set now (failures show the count still to come). */
  current(): FaultSettings;
}

/** What the API does about one request: wait first, then maybe fail it instead of handling it. */
export interface FaultVerdict {
  delayMs: number;
  error: ApiError | undefined;
  /** `rateLimited` and `injected` are counted by the caller's stats. */
  kind: 'none' | 'rateLimited' | 'injected';
}

type Failures = z.output<typeof failuresSchema>;
type Latency = z.output<typeof latencySchema>;

function matches(
  rule: { method?: string | undefined; path?: string | undefined },
  method: string,
  path: string,
) {
  if (rule.method !== undefined && rule.method !== method) return false;
  return rule.path === undefined || new RegExp(rule.path).test(path);
}

/** Creates the fault state; `random` is injectable so fraction faults can be tested exactly. */
export function createFaults(random: () => number = Math.random) {
  let rateLimit: RateLimitFault | undefined;
  let failures: Failures | undefined;
  let latency: Latency | undefined;
  const windows = new Map<string, { start: number; count: number }>();

  const controls: FaultControls = {
    setRateLimit(limit) {
      rateLimit = limit === undefined ? undefined : rateLimitSchema.parse(limit);
      windows.clear();
    },
    setFailures(value) {
      failures = value === undefined ? undefined : failuresSchema.parse(value);
    },
    setLatency(value) {
      latency = value === undefined ? undefined : latencySchema.parse(value);
    },
    set(settings) {
      if (settings.rateLimit !== undefined) controls.setRateLimit(settings.rateLimit);
      if (settings.failures !== undefined) controls.setFailures(settings.failures);
      if (settings.latency !== undefined) controls.setLatency(settings.latency);
    },
    clear() {
      rateLimit = undefined;
      failures = undefined;
      latency = undefined;
      windows.clear();
    },
    current() {
      const out: FaultSettings = {};
      if (rateLimit !== undefined) out.rateLimit = rateLimit;
      if (failures !== undefined) out.failures = failures;
      if (latency !== undefined) out.latency = latency;
      return out;
    },
  };

  function checkRateLimit(token: string, now: number): ApiError | undefined {
    if (rateLimit === undefined) return undefined;
    let window = windows.get(token);
    if (window === undefined || now - window.start >= rateLimit.windowMs) {
      window = { start: now, count: 0 };
      windows.set(token, window);
    }
    window.count += 1;
    if (window.count <= rateLimit.requests) return undefined;
    const retryAfter = Math.max(1, Math.ceil((window.start + rateLimit.windowMs - now) / 1000));
    return new ApiError(429, MESSAGES.tooManyRequests, { 'Retry-After': String(retryAfter) });
  }

  function checkFailure(method: string, path: string): ApiError | undefined {
    if (failures === undefined || !matches(failures, method, path)) return undefined;
    if (failures.fraction !== undefined && random() >= failures.fraction) return undefined;
    const { status, retryAfterSeconds } = failures;
    if (failures.count !== undefined) {
      failures.count -= 1;
      if (failures.count <= 0) failures = undefined;
    }
    const headers: Record<string, string> =
      retryAfterSeconds === undefined ? {} : { 'Retry-After': String(retryAfterSeconds) };
    return new ApiError(status, serverErrorMessage(status), headers);
  }

  /** Decides about one API request: `token` is the bearer token as sent (limits are per token). */
  function check(method: string, path: string, token: string): FaultVerdict {
    const delayMs = latency !== undefined && matches(latency, method, path) ? latency.ms : 0;
    const limited = checkRateLimit(token, Date.now());
    if (limited !== undefined) return { delayMs, error: limited, kind: 'rateLimited' };
    const failed = checkFailure(method, path);
    if (failed !== undefined) return { delayMs, error: failed, kind: 'injected' };
    return { delayMs, error: undefined, kind: 'none' };
  }

  return { controls, check };
}

export type Faults = ReturnType<typeof createFaults>;
