import type { WebexLogger } from './gateway.js';
import {
  isActive,
  type ListedWebhook,
  NEEDED_WEBHOOKS,
  type NeededWebhook,
  type WebhookRegistry,
} from './webhook-registry.js';

/**
 * Webex disables a webhook whose deliveries fail 100 times within five minutes and never enables
 * it again by itself; the bot would then hear nothing. The watch lists the bot's webhooks on a
 * timer and at once after the bot answered a webhook with anything but 2xx: an inactive one is
 * set active again, a missing one created again. One instance mends at a time (a lease in the
 * database); setting a webhook active is idempotent, so that goes ahead also when the lease cannot
 * be read (the database being down is a likely cause of the failures), while creating one waits
 * for the lease, since two instances would create two.
 */

/** One webhook mended. */
export interface WebhookRepair {
  action: 'reactivated' | 'recreated';
  resource: string;
  event: string;
  webhookId: string;
  /** When this instance first saw it inactive or missing. */
  noticedAt: Date;
  /** When this instance last saw it active, if it did since it started. */
  lastSeenActiveAt: Date | undefined;
}

export interface WebhookWatchLease {
  /** True when this instance may mend now; rejects when the lease store cannot be reached. */
  acquire(): Promise<boolean>;
  release(): Promise<void>;
}

export interface WebhookWatchOptions {
  registry: WebhookRegistry;
  intervalMs: number;
  lease: WebhookWatchLease;
  /** Reports repairs (administrators' alert, metrics); a rejection keeps them to report again. */
  onRepaired(repairs: WebhookRepair[]): Promise<void>;
  /** Each webhook mended, as it is (for counting; reported later through `onRepaired`). */
  onMended?(repair: WebhookRepair): void;
  /** After each check: how many needed webhooks were inactive or missing. */
  onChecked?(broken: number): void;
  logger: WebexLogger;
  now: () => Date;
}

export interface WebhookWatch {
  start(): void;
  stop(): Promise<void>;
  /** Checks soon (at most one check a second), e.g. after a webhook was answered with a non-2xx. */
  kick(): void;
  /** False from seeing a needed webhook inactive or missing until it is mended. */
  healthy(): boolean;
  /**
   * Looks at the webhooks before the runtime starts (its start replaces them): one that Webex
   * disabled while no instance ran is reported at the first check as recreated, so that what
   * was missed meanwhile is caught up and administrators hear of it.
   */
  inspectBeforeStart(): Promise<void>;
}

/** Checks started by `kick` are at least this far apart. */
const MIN_GAP_MS = 1_000;
/** While something is broken and not yet mended, checks come at least this often. */
const BROKEN_RETRY_MS = 5_000;

const keyOf = (needed: NeededWebhook) => `${needed.resource}/${needed.event}`;

export function createWebhookWatch(options: WebhookWatchOptions): WebhookWatch {
  const { registry, logger } = options;
  const noticed = new Map<string, Date>();
  const lastActive = new Map<string, Date>();
  let unreported: WebhookRepair[] = [];
  let broken = 0;
  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let nextAt = Number.POSITIVE_INFINITY;
  let lastStartedAt = 0;
  let running: Promise<void> | undefined;
  let again = false; // a check was asked for while one was under way

  async function mend(
    needed: NeededWebhook,
    found: ListedWebhook | undefined,
    name: string,
    leased: boolean,
  ) {
    if (found !== undefined) {
      const hook = await registry.reactivate(found);
      return isActive(hook) ? { action: 'reactivated' as const, id: hook.id } : undefined;
    }
    if (!leased) return undefined;
    const hook = await registry.recreate(needed, name);
    return { action: 'recreated' as const, id: hook.id };
  }

  async function check(): Promise<void> {
    const hooks = await registry.listOurs();
    const now = options.now();
    const problems: Array<{ needed: NeededWebhook; found: ListedWebhook | undefined }> = [];
    for (const needed of NEEDED_WEBHOOKS) {
      const matching = hooks.filter((h) => h.resource === needed.resource && h.event === needed.event);
      if (matching.some(isActive)) {
        lastActive.set(keyOf(needed), now);
        noticed.delete(keyOf(needed));
      } else {
        if (!noticed.has(keyOf(needed))) noticed.set(keyOf(needed), now);
        problems.push({ needed, found: matching[0] });
      }
    }
    broken = problems.length;
    options.onChecked?.(broken);
    if (problems.length > 0) await mendAll(problems, hooks);
    if (unreported.length > 0) {
      const reporting = unreported;
      unreported = [];
      await options.onRepaired(reporting).catch((error: unknown) => {
        unreported.push(...reporting);
        logger.warn({ err: error }, 'could not report mended webhooks yet; will try again');
      });
    }
  }

  /** The problems a listing under the lease still shows (another instance may have mended some). */
  async function stillBroken(problems: Array<{ needed: NeededWebhook; found: ListedWebhook | undefined }>) {
    const hooks = await registry.listOurs();
    const of = (n: NeededWebhook) => hooks.filter((h) => h.resource === n.resource && h.event === n.event);
    return problems
      .filter((p) => !of(p.needed).some(isActive))
      .map((p) => ({ ...p, found: of(p.needed)[0] }));
  }

  async function mendAll(
    problems: Array<{ needed: NeededWebhook; found: ListedWebhook | undefined }>,
    hooks: ListedWebhook[],
  ): Promise<void> {
    const states = problems.map((p) => `${keyOf(p.needed)}:${p.found?.status ?? 'missing'}`);
    logger.warn({ webhooks: states }, 'a webhook of the bot is inactive or missing');
    const leased = await options.lease.acquire().catch((error: unknown) => {
      logger.warn({ err: error }, 'webhook lease unavailable; only setting webhooks active again');
      return 'unknown' as const;
    });
    if (leased === false) return; // another instance is mending them; the next check sees it
    const name = hooks[0]?.name ?? 'order-setup';
    try {
      const current = leased === true ? await stillBroken(problems) : problems;
      broken -= problems.length - current.length;
      for (const { needed, found } of current) {
        const key = keyOf(needed);
        const done = await mend(needed, found, name, leased === true).catch((error: unknown) => {
          logger.warn({ err: error, webhook: key }, 'could not mend a webhook; will try again');
          return undefined;
        });
        if (done === undefined) continue;
        broken -= 1;
        const repair: WebhookRepair = {
          action: done.action,
          resource: needed.resource,
          event: needed.event,
          webhookId: done.id,
          noticedAt: noticed.get(key) ?? options.now(),
          lastSeenActiveAt: lastActive.get(key),
        };
        unreported.push(repair);
        options.onMended?.(repair);
        noticed.delete(key);
        lastActive.set(key, options.now());
        logger.warn({ webhook: key, action: done.action }, 'webhook mended');
      }
    } finally {
      if (leased === true) await options.lease.release().catch(() => undefined);
    }
    options.onChecked?.(broken);
  }

  function schedule(delayMs: number): void {
    if (stopped) return;
    clearTimeout(timer);
    nextAt = Date.now() + delayMs;
    timer = setTimeout(tick, delayMs);
    timer.unref();
  }

  function tick(): void {
    nextAt = Number.POSITIVE_INFINITY;
    if (stopped) return;
    if (running !== undefined) {
      again = true;
      return;
    }
    lastStartedAt = Date.now();
    running = check()
      .catch((error: unknown) => logger.warn({ err: error }, 'could not check the webhooks'))
      .finally(() => {
        running = undefined;
        const gap = Math.max(0, lastStartedAt + MIN_GAP_MS - Date.now());
        const wait = again
          ? gap
          : broken > 0
            ? Math.min(options.intervalMs, BROKEN_RETRY_MS)
            : options.intervalMs;
        again = false;
        if (nextAt === Number.POSITIVE_INFINITY || nextAt - Date.now() > wait) schedule(wait);
      });
  }

  return {
    start() {
      stopped = false;
      // A first look at once: from then on, a webhook found broken was last seen active at a known time.
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    kick() {
      if (stopped) return;
      const at = Math.max(Date.now(), lastStartedAt + MIN_GAP_MS);
      // A check under way re-arms the timer when it ends; one due later than `at` is brought forward.
      if (at < nextAt) schedule(at - Date.now());
    },
    healthy: () => broken === 0,
    async inspectBeforeStart() {
      const hooks = await registry.listOurs();
      for (const needed of NEEDED_WEBHOOKS) {
        const matching = hooks.filter((h) => h.resource === needed.resource && h.event === needed.event);
        const disabled = matching.find((h) => !isActive(h));
        // Missing is a first start (or local mode, which removes its webhooks at stop): nothing missed.
        if (disabled === undefined || matching.some(isActive)) continue;
        logger.warn({ webhook: keyOf(needed) }, 'a webhook of the bot was inactive at start');
        unreported.push({
          action: 'recreated',
          resource: needed.resource,
          event: needed.event,
          webhookId: disabled.id,
          noticedAt: options.now(),
          // Since when is not known: the catch-up looks back as far as it ever does.
          lastSeenActiveAt: undefined,
        });
      }
    },
  };
}
