import { externalAddresses, localModeReachNotice } from './app/reach-notice.js';
import { startApp } from './app.js';
import { formatConfigProblems, loadConfig } from './config.js';
import { createLogger } from './log/logger.js';

/**
 * Entry point: the only reader of `process.env`. Validates the configuration (listing every
 * problem at once), starts the app, and shuts it down cleanly on SIGTERM/SIGINT.
 */
async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`${formatConfigProblems(loaded.problems)}\nSee the README's configuration table.\n`);
    process.exit(1);
  }
  const { config } = loaded;
  const logger = createLogger(config.logLevel);
  const app = await startApp({ config, logger });

  const lines = [
    '',
    `Order setup bot running at ${app.url} (${config.mode === 'local' ? 'local mode: Webex emulator' : 'Webex'})`,
  ];
  if (app.emulator !== undefined) {
    lines.push(
      `  Try it in the browser: ${app.url}/`,
      `  Webex emulator API:  ${app.url}/emulator/v1   (bot: ${app.emulator.bot.email})`,
      `  Orders API token:    ${app.ordersApiToken}`,
      `  Try:  curl -X POST ${app.url}/emulator/_admin/people -H 'content-type: application/json' -d '{"email":"pat@partner.example","displayName":"Pat"}'`,
    );
    lines.push(
      ...(config.http.localModeExposed
        ? localModeReachNotice(config.http.host, app.port, externalAddresses())
        : [`  Reachable from this machine only (HOST=${config.http.host}).`]),
    );
  }
  // For people, on stderr: stdout carries only the JSON log lines, one per line, for machines.
  process.stderr.write(`${lines.join('\n')}\n\n`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 20_000);
    force.unref();
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The bot could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
