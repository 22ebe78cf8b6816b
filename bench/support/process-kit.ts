import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../test/support/free-port.js';
import { startProdNodeArgs } from '../../test/support/start-prod.js';

/**
 * The parts of a deployment as processes of their own, as their command lines run them: the
 * embedded database (`npm run db`), the Webex emulator (`npm run emulator`) and the bot
 * (`npm start`, in Webex mode against the emulator). Each is `node --import tsx <entry>` spawned
 * directly (not through npm or the tsx launcher), so that its process id is the process that does
 * the work and its CPU time can be read from `/proc/<pid>/stat`.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const BENCH_WEBHOOK_SECRET = 'bench-webhook-secret-0123456789';
export const BENCH_ORDERS_TOKEN = 'bench-orders-api-token-0123456789';

export interface Part {
  name: string;
  child: ChildProcess;
  /** Everything it wrote to stderr so far (for the error of a failed start). */
  stderr(): string;
  stop(): Promise<void>;
}

function launch(
  name: string,
  entry: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  nodeArgs: string[] = [],
) {
  // A built file runs as `node <file>`; TypeScript through tsx, as the npm scripts run it.
  const loader = entry.endsWith('.ts') ? ['--import', 'tsx', '--conditions=source'] : [];
  const child = spawn(process.execPath, [...nodeArgs, ...loader, entry, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });
  const part: Part = {
    name,
    child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
  return part;
}

/** Resolves with the first match of `pattern` in stdout, or fails if the process exits first. */
function awaitLine(part: Part, pattern: RegExp, timeoutMs = 60_000): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`bench: ${part.name} did not start: ${part.stderr()}`)),
      timeoutMs,
    );
    part.child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const found = pattern.exec(stdout);
      if (found !== null) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    part.child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`bench: ${part.name} exited with ${String(code)}: ${part.stderr()}`));
    });
  });
}

/** The embedded database, durable in `dbpath` (files and fsync, as `npm start` keeps its data). */
export async function startDatabasePart(dbpath: string): Promise<Part & { uri: string }> {
  const part = launch('database', 'packages/embedded-mongo/src/cli.ts', ['--port', '0', '--dbpath', dbpath], {
    PATH: process.env.PATH ?? '',
  });
  const [uri] = await awaitLine(part, /^mongodb:\/\/\S+(?=\n)/m);
  return { ...part, uri };
}

/** The Webex emulator alone, in memory. */
export async function startEmulatorPart(): Promise<Part & { apiUrl: string; botToken: string }> {
  const part = launch('emulator', 'packages/webex-emulator/src/cli.ts', ['--port', '0'], {
    PATH: process.env.PATH ?? '',
  });
  const [, apiUrl = '', botToken = ''] = await awaitLine(part, /API URL:\s+(\S+)[\s\S]*Bot token:\s+(\S+)\n/);
  // Its console logger writes JSON lines on stdout: drained, never read again.
  part.child.stdout?.resume();
  return { ...part, apiUrl, botToken };
}

export interface BotOptions {
  apiUrl: string;
  botToken: string;
  mongoUri: string;
  dbName: string;
  /** Where webhooks are to be posted (a tap or a balancer in front of the bots). */
  publicUrl: string;
  /** Node options before the entry, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Runs the production build (`npm run start:prod`: `dist/bundle/main.js`, built first) instead of `npm start`. */
  built?: boolean;
}

/**
 * The bot as `npm start` (or `npm run start:prod`, `built`) runs it with Webex (`WEBEX_ACCESS_TOKEN` and `WEBEX_API_URL` set to the
 * emulator), logging at its default level to stdout (drained, as a platform's log collector
 * would); resolves once `/readyz` answers 200 (database reachable, webhooks registered).
 */
export async function startBotPart(options: BotOptions): Promise<Part & { url: string }> {
  const port = await freePort();
  const part = launch(
    'bot',
    options.built === true ? 'dist/bundle/main.js' : 'src/main.ts',
    [],
    {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: options.publicUrl,
      WEBEX_ACCESS_TOKEN: options.botToken,
      WEBEX_API_URL: options.apiUrl,
      WEBEX_WEBHOOK_SECRET: BENCH_WEBHOOK_SECRET,
      ORDERS_API_TOKEN: BENCH_ORDERS_TOKEN,
      MONGODB_URI: options.mongoUri,
      MONGODB_DB: options.dbName,
      SCHEDULER_INTERVAL_MS: '1000',
      SEED_DEMO_DIRECTORY: 'true',
    },
    // The production build runs with the Node options `npm run start:prod` gives it.
    [...(options.built === true ? startProdNodeArgs() : []), ...(options.nodeArgs ?? [])],
  );
  part.child.stdout?.resume();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  for (;;) {
    if (part.child.exitCode !== null) throw new Error(`bench: the bot exited: ${part.stderr()}`);
    if (performance.now() - started > 90_000) {
      await part.stop();
      throw new Error(`bench: the bot was not ready in 90 s: ${part.stderr()}`);
    }
    const ready = await fetch(`${url}/readyz`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) return { ...part, url };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const ticksPerSecond = (() => {
  const answer = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const value = Number(answer.stdout?.trim());
  return Number.isFinite(value) && value > 0 ? value : 100;
})();

/** CPU time (user + system, ms) a process has spent so far, from `/proc/<pid>/stat` (Linux). */
export function cpuMsOf(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces: the fields counted from after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / ticksPerSecond;
  } catch {
    return Number.NaN;
  }
}

/** CPU time (ms) of this process so far. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
