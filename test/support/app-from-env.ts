import { type RunningApp, startApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createSilentLogger, type Logger } from '../../src/log/logger.js';

/**
 * The app as `src/main.ts` starts it: from environment variables, read by the same schema (a bad
 * one fails here with what and where). For the tests and the bench alike.
 */
export async function startAppFromEnv(
  env: Record<string, string | undefined>,
  options: { logger?: Logger; now?: () => Date } = {},
): Promise<RunningApp> {
  const loaded = loadConfig(env);
  if (!loaded.ok) throw new Error(`app config invalid: ${JSON.stringify(loaded.problems)}`);
  return startApp({
    config: loaded.config,
    logger: options.logger ?? createSilentLogger(),
    ...(options.now === undefined ? {} : { now: options.now }),
  });
}

export interface WebexModeTarget {
  /** The emulator's API (`…/v1`) and its bot's token, as Webex's and a real bot's would be. */
  apiUrl: string;
  botToken: string;
  port: number;
  /** Where webhooks are posted, when not the app itself (a proxy or a tap in front of it). */
  publicUrl?: string;
}

export const TEST_WEBHOOK_SECRET = 'a-webhook-secret-of-some-length';

/** The variables of the app as with Webex (`WEBEX_ACCESS_TOKEN` + `WEBEX_API_URL`), on 127.0.0.1. */
export function webexModeEnv(target: WebexModeTarget, ordersApiToken: string): Record<string, string> {
  return {
    PORT: String(target.port),
    HOST: '127.0.0.1',
    PUBLIC_URL: target.publicUrl ?? `http://127.0.0.1:${target.port}`,
    WEBEX_ACCESS_TOKEN: target.botToken,
    WEBEX_API_URL: target.apiUrl,
    WEBEX_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    ORDERS_API_TOKEN: ordersApiToken,
  };
}
