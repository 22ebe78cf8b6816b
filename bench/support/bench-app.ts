import type { RunningApp } from '../../src/app.js';
import type { Logger } from '../../src/log/logger.js';
import { startAppFromEnv, webexModeEnv } from '../../test/support/app-from-env.js';
import { freePort } from '../../test/support/free-port.js';
import type { ObservedEmulator } from './observed-emulator.js';

/**
 * The real app, as `npm run start:prod` composes it, pointed at an observed emulator as if it were
 * Webex (`WEBEX_ACCESS_TOKEN` + `WEBEX_API_URL`): the emulator is not inside the app, so the app's
 * figures are its own, and the app's database is the embedded one (or `MONGODB_URI`).
 */

export const BENCH_API_TOKEN = 'bench-orders-api-token-0123456789';

export { freePort };

export interface BenchApp {
  app: RunningApp;
  url: string;
  placeOrder(orderId: string, contact: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startBenchApp(
  emulator: ObservedEmulator,
  options: {
    env?: Record<string, string>;
    logger?: Logger;
    mongoUri?: string;
    /** Where webhooks are to be posted instead of the app itself (a tap in front of it). */
    publicUrl?: string;
    port?: number;
  } = {},
): Promise<BenchApp> {
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const target = {
    apiUrl: emulator.apiUrl,
    botToken: emulator.emulator.bot.token,
    port,
    ...(options.publicUrl === undefined ? {} : { publicUrl: options.publicUrl }),
  };
  const app = await startAppFromEnv(
    {
      ...webexModeEnv(target, BENCH_API_TOKEN),
      WEBEX_LOG_LEVEL: 'silent',
      DATA_DIR: ':memory:',
      MONGODB_DB: `bench_${Date.now().toString(36)}`,
      MONGODB_URI: options.mongoUri ?? process.env.MONGODB_URI,
      SCHEDULER_INTERVAL_MS: '1000',
      SEED_DEMO_DIRECTORY: 'true',
      LOG_LEVEL: 'silent',
      ...options.env,
    },
    options.logger === undefined ? {} : { logger: options.logger },
  );
  const today = new Date().toISOString().slice(0, 10);
  return {
    app,
    url,
    async placeOrder(orderId, contact) {
      const response = await fetch(`${url}/api/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${BENCH_API_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          orderId,
          requestedStartDate: today,
          provisioningContactEmail: contact,
          customerName: 'Novi Kupac',
          partnerName: 'Northwind',
        }),
      });
      if (response.status !== 201)
        throw new Error(`bench: order ${orderId}: ${response.status} ${await response.text()}`);
    },
    stop: () => app.stop(),
  };
}
