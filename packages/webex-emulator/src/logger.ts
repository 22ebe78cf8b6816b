/**
 * The logging surface the emulator uses. A host passes its own logger in (pino satisfies it
 * structurally); the command line uses `createConsoleLogger`.
 */
export interface EmulatorLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

/** pino's numeric levels, so these lines read like the ones of a host that passes its pino logger in. */
const LEVELS = { info: 30, warn: 40, error: 50 } as const;

/** Errors carry their fields as non-enumerable properties, which JSON.stringify would drop. */
function toLoggable(value: unknown): unknown {
  if (value instanceof Error) return { type: value.name, message: value.message, stack: value.stack };
  return value;
}

/**
 * One JSON object per line on `write` (stdout by default): `{ level, time, ...bindings, ...fields,
 * msg }`. Enough for the emulator's command line; a host application passes its own logger instead.
 */
export function createConsoleLogger(
  bindings: Record<string, unknown> = {},
  write: (line: string) => void = (line) => process.stdout.write(line),
): EmulatorLogger {
  const log =
    (level: keyof typeof LEVELS) =>
    (fields: object, msg?: string): void => {
      const entries = Object.entries(fields).map(([key, value]) => [key, toLoggable(value)]);
      const line = {
        level: LEVELS[level],
        time: new Date().toISOString(),
        ...bindings,
        ...Object.fromEntries(entries),
        ...(msg === undefined ? {} : { msg }),
      };
      write(`${JSON.stringify(line)}\n`);
    };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}
