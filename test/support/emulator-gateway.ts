import { createSilentLogger } from '../../src/log/logger.js';
import type { WebexGateway } from '../../src/webex/gateway.js';
import { createRestGateway } from '../../src/webex/rest.gateway.js';
import { DEFAULT_RETRY_OPTIONS } from '../../src/webex/retry.policy.js';
import { createWebexHttpClient } from '../../src/webex/webex-http.client.js';

/** The bot as the emulator knows it. */
export interface EmulatorBot {
  id: string;
  email: string;
  displayName: string;
  token: string;
}

/**
 * The bot's REST gateway to an emulator at `apiUrl`, as the app builds it for Webex; `quick`
 * shortens the retries' waits, for tests that provoke failures.
 */
export function createEmulatorGateway(apiUrl: string, bot: EmulatorBot, quick = false): WebexGateway {
  const logger = createSilentLogger();
  const http = createWebexHttpClient({
    apiUrl,
    accessToken: bot.token,
    retry: quick ? { ...DEFAULT_RETRY_OPTIONS, baseDelayMs: 20, maxDelayMs: 200 } : DEFAULT_RETRY_OPTIONS,
    requestTimeoutMs: quick ? 5_000 : 10_000,
    logger,
  });
  return createRestGateway({
    http,
    identity: () => ({ id: bot.id, email: bot.email, displayName: bot.displayName }),
    logger,
  });
}
