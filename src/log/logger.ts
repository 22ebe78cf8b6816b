import { type DestinationStream, type LoggerOptions, pino } from 'pino';

/** The logging surface every part receives; pino satisfies it, and so does a test's silent logger. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

/** `jane.doe@example.com` → `j***@example.com`: enough to tell people apart in logs, not to spam them. */
export function maskEmails(text: string): string {
  return text.replace(EMAIL, '$1***@$2');
}

function maskDeep(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskEmails(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error)
    return {
      type: value.name,
      message: maskEmails(value.message),
      stack: value.stack === undefined ? undefined : maskEmails(value.stack),
    };
  if (Array.isArray(value)) return value.map((item) => maskDeep(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = maskDeep(item, depth + 1);
  return out;
}

/**
 * Structured JSON logs on stdout with every email address masked, wherever it appears (people's
 * addresses are personal data and logs travel further than databases).
 */
export function createLogger(
  level: string,
  bindings: Record<string, unknown> = {},
  destination?: DestinationStream,
): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'wxcc-order-setup-bot', ...bindings },
    formatters: { log: (object) => maskDeep(object, 0) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        const masked = args.map((arg) => (typeof arg === 'string' ? maskEmails(arg) : arg));
        method.apply(this, masked as Parameters<typeof method>);
      },
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  const root = destination === undefined ? pino(options) : pino(options, destination);
  return withBindings(root, {});
}

/**
 * A logger over `root` with `bindings`. Each child is made from the root with the merged
 * bindings, so a nested part's `component` replaces its parent's: pino's own children append
 * bindings, and a line of the scheduler read `"component":"orders"` three times before its own.
 */
function withBindings(root: pino.Logger, bindings: Record<string, unknown>): Logger {
  const log = Object.keys(bindings).length === 0 ? root : root.child(bindings);
  return {
    debug: (obj, msg) => log.debug(obj, msg),
    info: (obj, msg) => log.info(obj, msg),
    warn: (obj, msg) => log.warn(obj, msg),
    error: (obj, msg) => log.error(obj, msg),
    child: (more) => withBindings(root, { ...bindings, ...more }),
  };
}

/** A logger that drops everything, for tests and tools that print their own output. */
export function createSilentLogger(): Logger {
  return createLogger('silent');
}
