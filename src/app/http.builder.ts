import type { Emulator } from '@wxcc-order-setup/webex-emulator';
import express from 'express';
import type { Config } from '../config.js';
import type { DirectoryClaims } from '../directory/claims.js';
import { type CountryCatalog, findCountry } from '../directory/countries.js';
import type { Directory } from '../directory/directory.js';
import { createAvailabilityCheck } from '../http/availability.js';
import { createClaimsRouter } from '../http/claims.routes.js';
import { createDirectoryRouter } from '../http/directory.routes.js';
import { createLocalClockRouter } from '../http/local-clock.routes.js';
import { requireLoopbackHost } from '../http/loopback-host.guard.js';
import { createMetricsRouter } from '../http/metrics.routes.js';
import { createOrdersRouter } from '../http/orders.routes.js';
import { createHttpApp } from '../http/server.js';
import { createWebClientRouter } from '../http/web-client.routes.js';
import type { Logger } from '../log/logger.js';
import { countingDatabaseErrors } from '../metrics/database-errors.js';
import type { OrdersService } from '../orders/orders.service.js';
import { createSetupReadBack } from '../setups/setup-read-back.js';
import { isDatabaseUnavailable, type Storage } from '../storage/connect.js';
import type { SetupsRepository } from '../storage/setups.repository.js';
import type { WebhookMount } from '../webex/webhook-mount.js';
import type { LocalClock } from './local-clock.js';
import type { MonitoringParts } from './metrics.builder.js';

export interface HttpPartsOptions {
  config: Config;
  storage: Storage;
  /** The orders as the API changes them (a contact change moves the setup too). */
  orders: OrdersService;
  /** Read (never written) for the answers the orders API shows. */
  setups: Pick<SetupsRepository, 'load' | 'loadMany'>;
  directory: Directory & { claims: DirectoryClaims };
  countries: CountryCatalog;
  regionOf: (code: string) => string | undefined;
  ordersApiToken: string;
  webhooks: WebhookMount;
  emulator: Emulator | undefined;
  monitoring: Pick<MonitoringParts, 'metrics' | 'token'>;
  /** Local mode's movable clock and what runs once it moved (the scheduler). */
  localClock?: { clock: LocalClock; onMoved: () => Promise<unknown> };
  now: () => Date;
  logger: Logger;
}

/**
 * The routes of this instance: the webhook intake, the `/api` routes, `/metrics` and (local mode)
 * the emulator and its web client, with readiness checks of the database and the webhooks.
 */
export function buildHttpApp(options: HttpPartsOptions): express.Express {
  const { config, emulator, logger, ordersApiToken, monitoring } = options;
  const apiRouter = express.Router();
  const readBack = createSetupReadBack(options.setups);
  const isTrialOrg = async (orgId: string) => (await options.directory.getCustomerOrg(orgId))?.trial != null;
  apiRouter.use(
    '/orders',
    createOrdersRouter({ service: options.orders, readBack, apiToken: ordersApiToken, logger, isTrialOrg }),
  );
  apiRouter.use(
    createDirectoryRouter({
      directory: options.directory,
      apiToken: ordersApiToken,
      isKnownCountry: (code) => findCountry(options.countries, code) !== undefined,
      regionOf: options.regionOf,
      logger,
      clock: options.now,
      timeZone: config.defaultTimeZone,
    }),
  );
  apiRouter.use(
    createClaimsRouter({
      claims: options.directory.claims,
      apiToken: ordersApiToken,
      logger,
      clock: options.now,
    }),
  );
  const mounts = [
    { path: '/webhooks/webex', router: options.webhooks.router },
    { path: '/api', router: apiRouter },
    {
      path: '/metrics',
      router: createMetricsRouter({
        token: monitoring.token.value,
        tokenVariable: monitoring.token.variable,
        render: () => monitoring.metrics.render(),
      }),
    },
    ...(emulator === undefined
      ? []
      : [
          // Both hand out tokens: a loopback Host only (DNS rebinding).
          { path: '/emulator/_admin', router: express.Router().use(requireLoopbackHost) },
          { path: '/emulator', router: emulator.router },
          ...(options.localClock === undefined
            ? []
            : [
                {
                  path: '/',
                  router: createLocalClockRouter({ ...options.localClock, apiToken: ordersApiToken }),
                },
              ]),
          // Last: the page's static files, and the 404 for anything else.
          {
            path: '/',
            router: createWebClientRouter({
              botEmail: emulator.bot.email,
              ordersApiToken,
              adminEmails: config.admins.emails,
            }),
          },
        ]),
  ];
  return createHttpApp({
    logger,
    mounts,
    isUnavailable: countingDatabaseErrors(isDatabaseUnavailable, monitoring.metrics),
    // A stalled database answers /api 503 within the ping's bound, not after server selection.
    available: { paths: ['/api'], check: createAvailabilityCheck(() => options.storage.ping()) },
    readiness: [
      { name: 'database', check: () => options.storage.ping() },
      { name: 'webhooks', check: async () => options.webhooks.isReady() },
    ],
  });
}
