import { z } from 'zod';
import type { WebexGateway, WebexLogger } from './gateway.js';
import { type BotIdentity, createRestGateway } from './rest.gateway.js';
import { DEFAULT_RETRY_OPTIONS, type RetryOptions } from './retry.policy.js';
import { createWebexHttpClient, type WebexHttpClient } from './webex-http.client.js';

export const DEFAULT_WEBEX_API_URL = 'https://webexapis.com/v1';

export interface WebexClientOptions {
  accessToken: string;
  /** REST base URL (an emulator's `.../v1`); Webex's own by default. */
  apiUrl?: string | undefined;
  logger: WebexLogger;
  retry?: Partial<RetryOptions>;
  requestTimeoutMs?: number;
}

/** The bot's REST connection to Webex: who it is, and the gateway every part sends through. */
export interface WebexClient {
  readonly apiUrl: string;
  readonly retry: RetryOptions;
  readonly http: WebexHttpClient;
  readonly gateway: WebexGateway;
  /** The bot's identity; throws before `identify()` has answered. */
  identity(): BotIdentity;
  /** Asks Webex who the token belongs to (`GET /people/me`), once; warns when it is not a bot. */
  identify(): Promise<BotIdentity>;
}

const meSchema = z.object({
  id: z.string().min(1),
  emails: z.array(z.string().min(1)).min(1),
  displayName: z.string().default(''),
  type: z.string().optional(),
});

/**
 * Builds the REST side of Webex on its own, before anything that receives events: the parts that
 * send (the setup's answers, the outbox) are built with its gateway, and the runtime that
 * receives webhooks after them, with the same client. Nothing is called before `identify()`.
 */
export function createWebexClient(options: WebexClientOptions): WebexClient {
  const apiUrl = options.apiUrl ?? DEFAULT_WEBEX_API_URL;
  const retry: RetryOptions = { ...DEFAULT_RETRY_OPTIONS, ...options.retry };
  const http = createWebexHttpClient({
    apiUrl,
    accessToken: options.accessToken,
    retry,
    requestTimeoutMs: options.requestTimeoutMs ?? 15_000,
    logger: options.logger,
  });
  let known: BotIdentity | undefined;
  const identity = (): BotIdentity => {
    if (known === undefined) throw new Error('the bot has not identified itself to Webex yet');
    return known;
  };
  return {
    apiUrl,
    retry,
    http,
    gateway: createRestGateway({ http, identity, logger: options.logger }),
    identity,
    async identify() {
      if (known !== undefined) return known;
      const me = meSchema.parse((await http.request({ method: 'GET', path: '/people/me' })).body);
      if (me.type !== 'bot') options.logger.warn({ type: me.type }, 'the Webex token is not a bot token');
      known = { id: me.id, email: me.emails[0] ?? '', displayName: me.displayName };
      return known;
    },
  };
}
