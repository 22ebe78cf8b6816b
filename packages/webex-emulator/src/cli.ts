import { parseCliArgs, USAGE } from './cli-args.js';
import { createConsoleLogger } from './logger.js';
import { startEmulatorServer } from './server.js';

/** `npm run emulator -- --port N`: the emulator alone, in memory, until SIGINT or SIGTERM. */
async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`${parsed.errors.map((error) => `error: ${error}`).join('\n')}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const { options } = parsed;
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const logger = createConsoleLogger({ component: 'webex-emulator' });
  const bot = {
    ...(options.botEmail === undefined ? {} : { email: options.botEmail }),
    ...(options.botName === undefined ? {} : { displayName: options.botName }),
  };
  const server = await startEmulatorServer({ port: options.port, host: options.host, bot, logger });
  process.stdout.write(
    [
      `Webex API emulator listening`,
      `  API URL:   ${server.apiUrl}`,
      `  Admin:     ${server.baseUrl}/_admin`,
      `  Bot:       ${server.emulator.bot.email} (${server.emulator.bot.displayName})`,
      `  Bot token: ${server.emulator.bot.token}`,
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping the Webex API emulator');
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'the emulator did not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
