import { createAdminAlerts } from '../admin/alerts.js';
import type { Config } from '../config.js';
import { createCardMessages } from '../conversation/order-messages.js';
import type { CountryCatalog } from '../directory/countries.js';
import type { Owners } from '../effects/instances.js';
import type { Logger } from '../log/logger.js';
import { classifyDatabaseError } from '../metrics/database-errors.js';
import type { Metrics } from '../metrics/metrics.port.js';
import { createOrderEffects } from '../orders/order-effects.js';
import { createOrdersService } from '../orders/orders.service.js';
import { createOrderScheduler } from '../orders/scheduler.js';
import { createOutbox } from '../outbox/outbox.js';
import { isDatabaseUnavailable } from '../storage/connect.js';
import type { Repositories } from '../storage/repositories.js';

export interface OrdersPartsOptions {
  config: Config;
  repositories: Repositories;
  countries: CountryCatalog;
  /** Hears how late each scheduler round ran, and of the database errors that failed one. */
  metrics: Metrics;
  /** This instance, the owner of the work it commits (see `effects/instances.ts`). */
  owners: Owners;
  now: () => Date;
  logger: Logger;
}

/** The outbox, the administrators' alerts, the card messages, the orders service and its scheduler. */
export function buildOrdersParts(options: OrdersPartsOptions) {
  const { config, repositories, now, logger } = options;
  const { owners } = options;
  const outbox = createOutbox({ repository: repositories.outbox, owners, now });
  const alerts = createAdminAlerts({
    outbox,
    adminEmails: config.admins.emails,
    adminRoomId: config.admins.roomId,
  });
  const messages = createCardMessages({
    countries: options.countries,
    gettingStartedUrl: config.gettingStartedUrl,
  });
  const effectsDeps = {
    repository: repositories.orders,
    outbox,
    alerts,
    messages: messages.orders,
    owners,
    now,
    logger: logger.child({ component: 'orders' }),
  };
  const orderEffects = createOrderEffects(effectsDeps);
  const transitionDeps = { ...effectsDeps, effects: orderEffects };
  const orders = createOrdersService({
    ...transitionDeps,
    defaults: { locale: config.defaultLocale, timeZone: config.defaultTimeZone },
  });
  const scheduler = createOrderScheduler({
    ...transitionDeps,
    intervalMs: config.scheduler.intervalMs,
    reminderAfterInviteDays: config.scheduler.reminderAfterInviteDays,
    reminderBeforeDeadlineDays: config.scheduler.reminderBeforeDeadlineDays,
    onRound: (round) => {
      options.metrics.schedulerRound(round);
      const kind = round.ok ? undefined : classifyDatabaseError(round.error, isDatabaseUnavailable);
      if (kind !== undefined) options.metrics.databaseError(kind);
    },
  });
  return { outbox, alerts, messages, orders, scheduler, orderEffects };
}

export type OrdersParts = ReturnType<typeof buildOrdersParts>;
