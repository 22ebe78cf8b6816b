import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { localModeReachNotice } from '../../src/app/reach-notice.js';
import { loadConfig } from '../../src/config.js';
import { isLoopbackHost } from '../../src/config-values.schema.js';

/**
 * Local mode serves the emulator's unauthenticated admin API and hands out the orders API token
 * at /local/config.json: on an address others can reach it starts only when told so explicitly.
 */

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

describe('HOST in local mode, as the config loader sees it', () => {
  it.each(['127.0.0.1', '127.0.1.1', 'localhost', '::1', '[::1]', '::ffff:127.0.0.1'])(
    'takes %s as loopback',
    (host) => {
      expect(isLoopbackHost(host)).toBe(true);
      const result = loadConfig({ HOST: host });
      expect(result.ok && result.config.http).toMatchObject({ host, localModeExposed: false });
    },
  );

  it.each(['0.0.0.0', '::', '192.168.1.20', 'bot.example.com', '128.0.0.1'])(
    'refuses %s, naming HOST, the risk and the setting that accepts it',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
      const result = loadConfig({ HOST: host });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.problems).toHaveLength(1);
      const [problem] = result.problems;
      expect(problem?.variable).toBe('HOST');
      expect(problem?.problem).toContain(`is ${host}, not a loopback address`);
      expect(problem?.problem).toContain('/local/config.json');
      expect(problem?.problem).toContain('LOCAL_MODE_EXPOSED_TO_NETWORK=true');
    },
  );

  it('starts on such an address with LOCAL_MODE_EXPOSED_TO_NETWORK=true, marked as exposed', () => {
    const result = loadConfig({ HOST: '0.0.0.0', LOCAL_MODE_EXPOSED_TO_NETWORK: 'true' });
    expect(result.ok && result.config.http).toEqual({ port: 3000, host: '0.0.0.0', localModeExposed: true });
  });

  it('leaves HOST alone with a Webex token (no emulator, no token handed out)', () => {
    const result = loadConfig({
      HOST: '0.0.0.0',
      WEBEX_ACCESS_TOKEN: 'a-bot-token',
      PUBLIC_URL: 'https://bot.example.com',
      WEBEX_WEBHOOK_SECRET: 'sixteen-or-more-chars',
      ORDERS_API_TOKEN: 'sixteen-or-more-chars',
    });
    expect(result.ok && result.config.http).toEqual({ port: 3000, host: '0.0.0.0', localModeExposed: false });
  });

  it('refuses a value of the setting that is not a yes or no', () => {
    const result = loadConfig({ HOST: '0.0.0.0', LOCAL_MODE_EXPOSED_TO_NETWORK: 'sure' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => p.variable).sort()).toEqual(['HOST', 'LOCAL_MODE_EXPOSED_TO_NETWORK']);
  });

  it('says who can reach what, with each address of the machine for a wildcard', () => {
    const lines = localModeReachNotice('0.0.0.0', 3000, [
      { address: '192.168.1.20', family: 'IPv4', internal: false },
      { address: 'fe80::1', family: 'IPv6', internal: false },
    ]).join('\n');
    expect(lines).toContain('http://192.168.1.20:3000, http://[fe80::1]:3000');
    expect(lines).toContain('/emulator/_admin');
    expect(lines).toContain('/local/config.json');
    expect(localModeReachNotice('192.168.1.20', 80, []).join('\n')).toContain('http://192.168.1.20:80 can:');
  });
});

describe('the bot as a process, on an address others can reach', () => {
  let running: ChildProcess | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    running?.kill('SIGKILL');
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  function startMain(env: Record<string, string>) {
    const child = spawn(tsx, ['--conditions=source', path.join(root, 'src/main.ts')], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running = child;
    let output = '';
    child.stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr?.on('data', (chunk) => {
      output += String(chunk);
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { child, exited, output: () => output };
  }

  it('refuses to start local mode on 0.0.0.0 and exits 1, naming HOST and the risk', async () => {
    const main = startMain({ PORT: '0', DATA_DIR: ':memory:', HOST: '0.0.0.0' });
    expect(await main.exited).toBe(1);
    expect(main.output()).toContain('HOST is 0.0.0.0, not a loopback address');
    expect(main.output()).toContain('LOCAL_MODE_EXPOSED_TO_NETWORK=true');
  });

  it('starts when told so, and prints who can reach what', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bot-exposed-'));
    const main = startMain({
      PORT: '0',
      DATA_DIR: dataDir,
      HOST: '0.0.0.0',
      LOCAL_MODE_EXPOSED_TO_NETWORK: 'true',
    });
    const deadline = Date.now() + 60_000;
    while (!main.output().includes('Use HOST=127.0.0.1 to keep it local') && Date.now() < deadline) {
      if (main.child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const output = main.output();
    expect(output).toContain('WARNING: local mode listens on 0.0.0.0');
    expect(output).toContain('read the orders API token at /local/config.json');
    const port = /running at http:\/\/[^:]+:(\d+)/.exec(output)?.[1];
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
  });
});
