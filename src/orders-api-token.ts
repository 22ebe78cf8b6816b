import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Config } from './config.js';
import type { Logger } from './log/logger.js';

/** The file where local mode keeps its generated API token, so `npm run orders:import` can find it. */
export const localTokenFile = (dataDir: string) => path.resolve(dataDir, 'orders-api-token');

/**
 * The bearer token of `/api`: the configured one, or in local mode a generated one kept under
 * DATA_DIR (the same token across restarts, readable by the import command).
 */
export async function resolveOrdersApiToken(
  config: Config,
  inMemory: boolean,
  logger: Logger,
): Promise<string> {
  if (config.ordersApiToken !== undefined) return config.ordersApiToken;
  if (config.mode !== 'local') throw new Error('ORDERS_API_TOKEN is required with WEBEX_ACCESS_TOKEN.');
  const generated = randomBytes(24).toString('base64url');
  if (inMemory) return generated;
  const file = localTokenFile(config.dataDir);
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim().length >= 16) return existing.trim();
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, `${generated}\n`, { mode: 0o600 });
  logger.info({ file }, 'generated a local orders API token');
  return generated;
}
