import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

/** Runs `src/main.ts` as `npm start` does, collecting its output. */
function startMain(
  env: Record<string, string>,
  logLevels = { LOG_LEVEL: 'warn', WEBEX_LOG_LEVEL: 'silent' },
) {
  const child = spawn(tsx, ['--conditions=source', path.join(root, 'src/main.ts')], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...logLevels,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk) => {
    output += String(chunk);
    stdout += String(chunk);
  });
  child.stderr?.on('data', (chunk) => {
    output += String(chunk);
    stderr += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output, stdout: () => stdout, stderr: () => stderr };
}

async function waitForOutput(
  read: () => string,
  pattern: RegExp,
  timeoutMs: number,
): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(read());
    if (match !== null) return match;
    if (Date.now() > deadline) throw new Error(`no ${pattern} in output:\n${read()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the bot as a process', () => {
  let running: ChildProcess | undefined;
  let dataDir: string | undefined;
  afterEach(async () => {
    running?.kill('SIGKILL');
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });

  it('refuses a bad configuration, listing every problem, and exits 1', async () => {
    const main = startMain({ PORT: 'eighty', WEBEX_ACCESS_TOKEN: 'token-without-the-rest' });
    running = main.child;
    expect(await main.exited).toBe(1);
    const output = main.output();
    expect(output).toContain('PORT must be a whole number');
    expect(output).toContain('PUBLIC_URL is required');
    expect(output).toContain('WEBEX_WEBHOOK_SECRET is required');
  });

  it('starts in local mode with nothing configured, is ready, and stops cleanly on SIGTERM', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bot-main-'));
    const main = startMain({ PORT: '0', DATA_DIR: dataDir });
    running = main.child;
    const [, url] = await waitForOutput(main.output, /running at (http:\/\/127\.0\.0\.1:\d+)/, 60_000);
    const ready = await fetch(`${url}/readyz`);
    expect(ready.status).toBe(200);
    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
  });

  it('says nothing that reads as a failure at a healthy start; JSON lines on stdout, the banner on stderr', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bot-main-'));
    // The levels a person gets from a plain npm start.
    const main = startMain({ PORT: '0', DATA_DIR: dataDir }, { LOG_LEVEL: 'info', WEBEX_LOG_LEVEL: 'error' });
    running = main.child;
    const [, url] = await waitForOutput(main.stderr, /running at (http:\/\/127\.0\.0\.1:\d+)/, 60_000);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    // The SDK initialises its services after the framework has started: give it that moment.
    await waitForOutput(main.stdout, /"msg":"order setup bot started"/, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    main.child.kill('SIGTERM');
    expect(await main.exited).toBe(0);
    const lines = main
      .stdout()
      .split('\n')
      .filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      const parsed: unknown = JSON.parse(line);
      expect(parsed, line).toBeTypeOf('object');
      // One `component` per line: nested parts replace their parent's.
      expect(line.match(/"component":/g)?.length ?? 0, line).toBeLessThanOrEqual(1);
      expect((parsed as { level: number }).level, line).toBeLessThan(40);
    }
    const everything = main.output();
    expect(everything).not.toMatch(/fail|error|invalid|not a valid/i);
    expect(main.stderr()).toContain('Try it in the browser');
  });
});
