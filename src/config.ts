import { z } from 'zod';
import { EXAMPLES } from './config-examples.js';
import {
  booleanFlag,
  email,
  httpUrl,
  isLoopbackHost,
  isTimeZone,
  optionalText,
  positiveInt,
} from './config-values.schema.js';

/**
 * Every environment variable the bot reads, in one place. `loadConfig` is called once, by the
 * composition root; nothing else reads `process.env`.
 */

const envSchema = z.object({
  PORT: positiveInt(0, 65535).default(3000),
  HOST: optionalText,
  LOCAL_MODE_EXPOSED_TO_NETWORK: booleanFlag.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATA_DIR: z.string().trim().min(1).default('.data'),
  MONGODB_URI: optionalText.refine(
    (value) => value === undefined || /^mongodb(\+srv)?:\/\//.test(value),
    'must start with mongodb:// or mongodb+srv://',
  ),
  MONGODB_DB: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,63}$/, 'must be 1-63 letters, digits, _ or -')
    .default('wxcc_order_setup'),
  WEBEX_ACCESS_TOKEN: optionalText,
  WEBEX_API_URL: httpUrl.optional(),
  PUBLIC_URL: httpUrl.optional(),
  WEBEX_WEBHOOK_SECRET: optionalText.refine(
    (value) => value === undefined || value.length >= 16,
    'must be at least 16 characters',
  ),
  WEBEX_LOG_LEVEL: z.enum(['silent', 'error', 'warn', 'log', 'info', 'debug', 'trace']).default('error'),
  WEBEX_SPACES_KEPT: positiveInt(1, 1_000_000).default(1_000),
  ORDERS_API_TOKEN: optionalText.refine(
    (value) => value === undefined || value.length >= 16,
    'must be at least 16 characters',
  ),
  METRICS_TOKEN: optionalText.refine(
    (value) => value === undefined || value.length >= 16,
    'must be at least 16 characters',
  ),
  DEFAULT_TIME_ZONE: z.string().trim().refine(isTimeZone, 'must be an IANA time zone').default('UTC'),
  DEFAULT_LOCALE: z.enum(['en', 'hr'], { message: 'must be en or hr' }).default('en'),
  SCHEDULER_INTERVAL_MS: positiveInt(100, 86_400_000).optional(),
  WEBHOOK_CHECK_INTERVAL_MS: positiveInt(100, 3_600_000).default(30_000),
  // Webex disables a webhook at 100 failed deliveries within five minutes: the bot's own stay below.
  WEBHOOK_REFUSALS_PER_WINDOW: positiveInt(0, 99).default(30),
  WEBHOOK_REFUSAL_WINDOW_MS: positiveInt(1_000, 3_600_000).default(300_000),
  WEBHOOK_HOLD_MAX_EVENTS: positiveInt(1, 1_000_000).default(10_000),
  WEBHOOK_HOLD_MAX_AGE_MS: positiveInt(1_000, 86_400_000).default(900_000),
  INVITE_MAX_ATTEMPTS: positiveInt(1, 100).default(5),
  REMINDER_AFTER_INVITE_DAYS: positiveInt(1, 60).default(2),
  REMINDER_BEFORE_DEADLINE_DAYS: positiveInt(1, 30).default(1),
  ADMIN_EMAILS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((item) => item.trim().toLowerCase())
        .filter((item) => item !== ''),
    )
    .pipe(z.array(email)),
  ADMIN_ROOM_ID: optionalText,
  HANDOFF_SAME_DOMAIN: booleanFlag.default(true),
  PROVISIONING_WEBHOOK_URL: httpUrl.optional(),
  PROVISIONING_WEBHOOK_SECRET: optionalText.refine(
    (value) => value === undefined || value.length >= 16,
    'must be at least 16 characters',
  ),
  COUNTRIES_FILE: optionalText,
  SEED_DEMO_DIRECTORY: booleanFlag.optional(),
  GETTING_STARTED_URL: httpUrl.default(
    'https://help.webex.com/en-us/article/nee1mb6/Get-Started-with-Cisco-Webex-Contact-Center-or-Cloud-Connect',
  ),
});

type Env = z.infer<typeof envSchema>;

/** The validated configuration the composition root hands to every part. */
export interface Config {
  mode: 'local' | 'webex';
  http: {
    port: number;
    host: string;
    /** Local mode on an address others can reach, accepted with LOCAL_MODE_EXPOSED_TO_NETWORK. */
    localModeExposed: boolean;
  };
  logLevel: Env['LOG_LEVEL'];
  dataDir: string;
  mongo: { uri: string | undefined; dbName: string };
  webex: {
    accessToken: string | undefined;
    apiUrl: string | undefined;
    publicUrl: string | undefined;
    webhookSecret: string | undefined;
    sdkLogLevel: Env['WEBEX_LOG_LEVEL'];
    /** Spaces the framework keeps an object for; the least recently active are let go past it. */
    spacesKept: number;
  };
  ordersApiToken: string | undefined;
  /** Protects `/metrics` when set; otherwise the orders API token does. */
  metricsToken: string | undefined;
  defaultTimeZone: string;
  defaultLocale: 'en' | 'hr';
  scheduler: {
    intervalMs: number;
    inviteMaxAttempts: number;
    reminderAfterInviteDays: number;
    reminderBeforeDeadlineDays: number;
  };
  admins: { emails: string[]; roomId: string | undefined };
  /** How often the bot lists its webhooks to mend one Webex disabled (and at once after a non-2xx). */
  webhookCheckIntervalMs: number;
  /**
   * Events held in memory while the database cannot take them (count, age), and the 503s the bot
   * answers for them (at most `maxRefusals` within `refusalWindowMs`; past it they are answered 200).
   */
  webhookHold: { maxEvents: number; maxAgeMs: number; maxRefusals: number; refusalWindowMs: number };
  handoffSameDomain: boolean;
  provisioningWebhook: { url: string; secret: string } | undefined;
  countriesFile: string | undefined;
  seedDemoDirectory: boolean;
  /** The guide the success card links to. */
  gettingStartedUrl: string;
}

/** One problem with one variable: what is wrong, and an example of a good value. */
export interface ConfigProblem {
  variable: string;
  problem: string;
  example: string | undefined;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: ConfigProblem[] };

/**
 * Validates the environment and returns either the config or every problem found at once, so an
 * operator fixes them in one go rather than one restart per mistake.
 */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  // An empty variable means "not set" (PORT= must not become port 0, a random port).
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => (value ?? '').trim() !== ''));
  const parsed = envSchema.safeParse(set);
  const problems: ConfigProblem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const variable = String(issue.path[0] ?? '(environment)');
      problems.push({ variable, problem: issue.message, example: EXAMPLES[variable] });
    }
  }
  // Rules across variables are checked on the raw values too, so one run lists every problem.
  const given = (name: string) => (env[name] ?? '').trim() !== '';
  const need = (variable: keyof typeof EXAMPLES, why: string) => {
    if (!problems.some((p) => p.variable === variable))
      problems.push({ variable, problem: why, example: EXAMPLES[variable] });
  };
  if (given('WEBEX_ACCESS_TOKEN')) {
    if (!given('PUBLIC_URL')) need('PUBLIC_URL', 'is required with WEBEX_ACCESS_TOKEN (webhook target)');
    if (!given('WEBEX_WEBHOOK_SECRET'))
      need('WEBEX_WEBHOOK_SECRET', 'is required with WEBEX_ACCESS_TOKEN (signs webhooks)');
    if (!given('ORDERS_API_TOKEN'))
      need('ORDERS_API_TOKEN', 'is required with WEBEX_ACCESS_TOKEN (protects /api)');
  }
  if (given('PROVISIONING_WEBHOOK_URL') && !given('PROVISIONING_WEBHOOK_SECRET')) {
    need('PROVISIONING_WEBHOOK_SECRET', 'is required with PROVISIONING_WEBHOOK_URL (signs notifications)');
  }
  // Local mode serves the emulator's unauthenticated admin API and hands out the orders API token.
  const host = (env.HOST ?? '').trim();
  const exposedOk = parsed.success && parsed.data.LOCAL_MODE_EXPOSED_TO_NETWORK;
  if (!given('WEBEX_ACCESS_TOKEN') && host !== '' && !isLoopbackHost(host) && !exposedOk) {
    need(
      'HOST',
      `is ${host}, not a loopback address: local mode would serve the emulator's admin API (no authentication: anyone could create people and read their tokens) and /local/config.json (the orders API token) to everyone who can reach this machine. Use HOST=127.0.0.1, or set LOCAL_MODE_EXPOSED_TO_NETWORK=true to accept that risk`,
    );
  }
  if (!parsed.success || problems.length > 0) return { ok: false, problems };
  const e = parsed.data;
  const mode = e.WEBEX_ACCESS_TOKEN === undefined ? 'local' : 'webex';
  return {
    ok: true,
    config: {
      mode,
      http: {
        port: e.PORT,
        host: e.HOST ?? (mode === 'local' ? '127.0.0.1' : '0.0.0.0'),
        localModeExposed: mode === 'local' && e.HOST !== undefined && !isLoopbackHost(e.HOST),
      },
      logLevel: e.LOG_LEVEL,
      dataDir: e.DATA_DIR,
      mongo: { uri: e.MONGODB_URI, dbName: e.MONGODB_DB },
      webex: {
        accessToken: e.WEBEX_ACCESS_TOKEN,
        apiUrl: e.WEBEX_API_URL,
        publicUrl: e.PUBLIC_URL,
        webhookSecret: e.WEBEX_WEBHOOK_SECRET,
        sdkLogLevel: e.WEBEX_LOG_LEVEL,
        spacesKept: e.WEBEX_SPACES_KEPT,
      },
      ordersApiToken: e.ORDERS_API_TOKEN,
      metricsToken: e.METRICS_TOKEN,
      defaultTimeZone: e.DEFAULT_TIME_ZONE,
      defaultLocale: e.DEFAULT_LOCALE,
      scheduler: {
        intervalMs: e.SCHEDULER_INTERVAL_MS ?? (mode === 'local' ? 5_000 : 60_000),
        inviteMaxAttempts: e.INVITE_MAX_ATTEMPTS,
        reminderAfterInviteDays: e.REMINDER_AFTER_INVITE_DAYS,
        reminderBeforeDeadlineDays: e.REMINDER_BEFORE_DEADLINE_DAYS,
      },
      admins: { emails: e.ADMIN_EMAILS, roomId: e.ADMIN_ROOM_ID },
      webhookCheckIntervalMs: e.WEBHOOK_CHECK_INTERVAL_MS,
      webhookHold: {
        maxEvents: e.WEBHOOK_HOLD_MAX_EVENTS,
        maxAgeMs: e.WEBHOOK_HOLD_MAX_AGE_MS,
        maxRefusals: e.WEBHOOK_REFUSALS_PER_WINDOW,
        refusalWindowMs: e.WEBHOOK_REFUSAL_WINDOW_MS,
      },
      handoffSameDomain: e.HANDOFF_SAME_DOMAIN,
      provisioningWebhook:
        e.PROVISIONING_WEBHOOK_URL !== undefined && e.PROVISIONING_WEBHOOK_SECRET !== undefined
          ? { url: e.PROVISIONING_WEBHOOK_URL, secret: e.PROVISIONING_WEBHOOK_SECRET }
          : undefined,
      countriesFile: e.COUNTRIES_FILE,
      seedDemoDirectory: e.SEED_DEMO_DIRECTORY ?? mode === 'local',
      gettingStartedUrl: e.GETTING_STARTED_URL,
    },
  };
}

/** Formats problems for a person reading a terminal: one line each, with an example. */
export function formatConfigProblems(problems: ConfigProblem[]): string {
  const lines = problems.map(
    (p) => `  - ${p.variable} ${p.problem}${p.example === undefined ? '' : ` (for example ${p.example})`}`,
  );
  return `Configuration is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${lines.join('\n')}`;
}
