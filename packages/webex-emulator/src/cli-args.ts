import { parseArgs } from 'node:util';
import { z } from 'zod';

export interface CliOptions {
  port: number;
  host: string;
  botEmail: string | undefined;
  botName: string | undefined;
  help: boolean;
}

export const USAGE = `Usage: npm run emulator -- [--port N] [--host H] [--bot-email E] [--bot-name NAME]

Runs the Webex REST API emulator alone, in memory, and prints the API URL and the bot's token.
  --port       TCP port (default 0: a free one)
  --host       address to listen on (default 127.0.0.1)
  --bot-email  the bot's email (default order-setup@webex.bot)
  --bot-name   the bot's display name (default Order Setup)`;

const schema = z.object({
  port: z.coerce
    .number({ message: '--port must be a whole number' })
    .int('--port must be a whole number')
    .min(0, '--port must be between 0 and 65535')
    .max(65535, '--port must be between 0 and 65535')
    .default(0),
  host: z.string().trim().min(1, '--host must not be empty').default('127.0.0.1'),
  'bot-email': z.string().trim().toLowerCase().email('--bot-email must be an email address').optional(),
  'bot-name': z.string().trim().min(1, '--bot-name must not be empty').optional(),
  help: z.boolean().default(false),
});

/** Parses the command line; every problem is listed at once. */
export function parseCliArgs(
  argv: string[],
): { ok: true; options: CliOptions } | { ok: false; errors: string[] } {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        'bot-email': { type: 'string' },
        'bot-name': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    return { ok: false, errors: [error instanceof Error ? error.message : String(error)] };
  }
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => issue.message) };
  const data = parsed.data;
  return {
    ok: true,
    options: {
      port: data.port,
      host: data.host,
      botEmail: data['bot-email'],
      botName: data['bot-name'],
      help: data.help,
    },
  };
}
