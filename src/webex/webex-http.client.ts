import { z } from 'zod';
import { WebexCallError, type WebexLogger } from './gateway.js';
import { type HttpExchange, sendHttp } from './http-transport.js';
import { createRatePacer, type RatePacer } from './rate-pacer.js';
import { type AttemptFailure, parseRetryAfter, type RetryOptions, runWithRetry } from './retry.policy.js';

/**
 * A thin client of the Webex REST API with retries. The gateway sends through this rather
 * than through the SDK: the SDK neither retries nor exposes status and `Retry-After` in a typed way,
 * and a send must be classified precisely (a 429 was not created and is safe to repeat; a 5xx or a
 * lost connection may have been). The framework still receives every event.
 */

export interface WebexHttpClientOptions {
  /** e.g. `https://webexapis.com/v1` or an emulator's `http://127.0.0.1:port/v1`. */
  apiUrl: string;
  accessToken: string;
  retry: RetryOptions;
  requestTimeoutMs: number;
  logger: WebexLogger;
  /** Shared pacing of this token's calls; one is made when not given. */
  pacer?: RatePacer;
}

export interface WebexHttpRequest<T = never> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A path under the API URL (`/messages`), or an absolute `Link: rel="next"` URL from a list. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /** Called before each retry; a result ends the loop (e.g. the failed POST did create it). */
  beforeRetry?: (failure: AttemptFailure) => Promise<{ value: T } | undefined>;
}

export interface WebexHttpResponse {
  status: number;
  body: unknown;
  /** The next page of a list, when the `Link` header has one. */
  nextUrl: string | undefined;
}

export interface WebexHttpClient {
  request(request: WebexHttpRequest): Promise<WebexHttpResponse>;
  /** Like `request`, but `beforeRetry` may settle the call with a value of its own. */
  requestOr<T>(request: WebexHttpRequest<T>): Promise<WebexHttpResponse | { settled: T }>;
}

/** One failed attempt, before the retry loop decides what to do with it. */
class AttemptError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly retryAfter: string | null,
    readonly webexMessage?: string,
  ) {
    super(message);
  }
}

const webexErrorBodySchema = z.object({ message: z.string().min(1) });

/** The `message` of Webex's error body (`{ message, errors, trackingId }`), when there is one. */
function webexMessageOf(text: string): string | undefined {
  try {
    const parsed = webexErrorBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.message : undefined;
  } catch {
    return undefined;
  }
}

function classifyAttempt(error: unknown): AttemptFailure {
  // Anything but a failed attempt (a body that is not JSON, a refused link) will not improve.
  if (!(error instanceof AttemptError)) return { kind: 'permanent' };
  if (error.status === 429) return { kind: 'rateLimited', retryAfterMs: parseRetryAfter(error.retryAfter) };
  if (error.status === undefined || error.status >= 500 || error.status === 408) return { kind: 'transient' };
  return { kind: 'permanent' };
}

function parseNextLink(header: string | null): string | undefined {
  if (header === null) return undefined;
  for (const part of header.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match?.[1] !== undefined) return match[1];
  }
  return undefined;
}

/** Builds the client; no request is made until one is asked for. */
export function createWebexHttpClient(options: WebexHttpClientOptions): WebexHttpClient {
  const base = new URL(`${options.apiUrl.replace(/\/+$/, '')}/`);
  const pacer = options.pacer ?? createRatePacer();

  function resolveUrl(request: WebexHttpRequest<unknown>): URL {
    const url = /^https?:\/\//.test(request.path)
      ? new URL(request.path)
      : new URL(request.path.replace(/^\/+/, ''), base);
    // Paging links are absolute; never send the bot's token to a host other than the API's.
    if (url.origin !== base.origin)
      throw new WebexCallError(`refusing to follow ${url.origin}`, undefined, false);
    for (const [key, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url;
  }

  async function attemptOnce(request: WebexHttpRequest<unknown>, url: URL): Promise<WebexHttpResponse> {
    const label = `${request.method} ${url.pathname}`;
    let response: HttpExchange;
    await pacer.acquire();
    try {
      response = await sendHttp(url, {
        method: request.method,
        headers: {
          authorization: `Bearer ${options.accessToken}`,
          accept: 'application/json',
          ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
        timeoutMs: options.requestTimeoutMs,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new AttemptError(`${label}: ${reason}`, undefined, null);
    }
    const text = response.text;
    if (response.status === 429) pacer.rateLimited(parseRetryAfter(response.header('retry-after')));
    if (response.status < 200 || response.status > 299) {
      const webexMessage = webexMessageOf(text);
      throw new AttemptError(
        `${label} answered ${response.status}${webexMessage === undefined ? '' : `: ${webexMessage}`}`,
        response.status,
        response.header('retry-after'),
        webexMessage,
      );
    }
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      throw new WebexCallError(
        `${label} answered ${response.status} with a body that is not JSON`,
        response.status,
        false,
      );
    }
    return { status: response.status, body, nextUrl: parseNextLink(response.header('link')) };
  }

  async function requestOr<T>(request: WebexHttpRequest<T>): Promise<WebexHttpResponse | { settled: T }> {
    const url = resolveUrl(request);
    const beforeRetry = request.beforeRetry;
    return runWithRetry<WebexHttpResponse | { settled: T }>((_attempt) => attemptOnce(request, url), {
      retry: options.retry,
      classify: classifyAttempt,
      ...(beforeRetry === undefined
        ? {}
        : {
            beforeRetry: async (failure) => {
              const found = await beforeRetry(failure);
              return found === undefined ? undefined : { value: { settled: found.value } };
            },
          }),
      onRetry: ({ attempt, failure, delayMs }) =>
        options.logger.warn(
          { method: request.method, path: url.pathname, attempt, failure: failure.kind, delayMs },
          'webex call failed, retrying',
        ),
      giveUp: ({ failure, attempts, error }) => {
        if (error instanceof WebexCallError) return error;
        const status = error instanceof AttemptError ? error.status : undefined;
        const reason = error instanceof Error ? error.message : String(error);
        const retryable = failure.kind !== 'permanent';
        const webexMessage = error instanceof AttemptError ? error.webexMessage : undefined;
        return new WebexCallError(`${reason} (after ${attempts} attempt(s))`, status, retryable, {
          webexMessage,
        });
      },
    });
  }

  return {
    requestOr,
    async request(request) {
      const result = await requestOr(request);
      if ('settled' in result) throw new Error('unreachable: no beforeRetry was given');
      return result;
    },
  };
}
