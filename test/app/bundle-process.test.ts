import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { FRAMEWORK_BUNDLE_NAME } from '../../src/webex/framework.adapter.js';
import { bundleApp } from '../../tools/bundle.js';
import { parseExposition, sampleValue } from '../metrics/exposition.js';
import { startProdNodeArgs } from '../support/start-prod.js';

/**
 * `npm run start:prod` runs the bundle `npm run build` writes (the app, and the framework with
 * the trimmed SDK beside it): the same bundle, built into a folder of its own inside the project (it finds its data files by walking up from itself), run
 * as a process in local mode with a fresh data folder, with the Node options of `start:prod`.
 */

const root = path.resolve(import.meta.dirname, '../..');
const METRICS_TOKEN = 'bundle-test-metrics-token-0123456789';

describe('the bundled bot (npm run start:prod) as a process', () => {
  let child: ChildProcess | undefined;
  let workDir = '';
  let url = '';
  let stdout = '';
  let stderr = '';
  let exited: Promise<number | null>;

  beforeAll(async () => {
    await mkdir(path.join(root, 'dist'), { recursive: true });
    workDir = await mkdtemp(path.join(root, 'dist', 'bundle-test-'));
    const bundle = path.join(workDir, 'bundle', 'main.js');
    await bundleApp(bundle);
    // With the Node options `npm run start:prod` gives it (the heap's ceiling among them).
    child = spawn(process.execPath, [...startProdNodeArgs(), bundle], {
      cwd: workDir,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        PORT: '0',
        DATA_DIR: path.join(workDir, 'data'),
        // The levels a person gets from a plain start.
        LOG_LEVEL: 'info',
        WEBEX_LOG_LEVEL: 'error',
        METRICS_TOKEN,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    exited = new Promise((resolve) => child?.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + 60_000;
    for (;;) {
      const match = /running at (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
      if (match?.[1] !== undefined) {
        url = match[1];
        break;
      }
      if (child.exitCode !== null || Date.now() > deadline)
        throw new Error(`the bundle did not start:\n${stdout}\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }, 90_000);

  afterAll(async () => {
    if (child !== undefined && child.exitCode === null) child.kill('SIGKILL');
    await rm(workDir, { recursive: true, force: true });
  });

  it('is ready, and answers a person through the bundled framework', async () => {
    // The adapter loads the framework from this file when it is there (from node_modules otherwise).
    expect(existsSync(path.join(workDir, 'bundle', FRAMEWORK_BUNDLE_NAME))).toBe(true);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    // Loaded through V8's code cache, written at this first start for the next ones.
    expect(
      (await readdir(path.join(workDir, 'bundle'))).filter((file) => file.endsWith('.v8cache')),
    ).toHaveLength(1);
    const created = await fetch(`${url}/emulator/_admin/people`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bundled@partner.example', displayName: 'Bundled' }),
    });
    const person = z.object({ token: z.string() }).parse(await created.json());
    const bot = z
      .object({ email: z.string() })
      .parse(await (await fetch(`${url}/emulator/_admin/bot`)).json());
    const auth = { authorization: `Bearer ${person.token}`, 'content-type': 'application/json' };
    const sent = await fetch(`${url}/emulator/v1/messages`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ toPersonEmail: bot.email, text: 'help' }),
    });
    expect(sent.status).toBe(200);
    const listSchema = z.object({ items: z.array(z.object({ personEmail: z.string(), text: z.string() })) });
    const deadline = Date.now() + 15_000;
    let answer: string | undefined;
    while (answer === undefined && Date.now() < deadline) {
      const list = listSchema.parse(
        await (
          await fetch(`${url}/emulator/v1/messages/direct?personEmail=${encodeURIComponent(bot.email)}`, {
            headers: auth,
          })
        ).json(),
      );
      answer = list.items.find((message) => message.personEmail === bot.email)?.text;
      if (answer === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(answer).toMatch(/help|resume|restart/i);
  });

  it("runs with the heap's ceiling start:prod sets, so that V8 collects before the heap outgrows what is live", async () => {
    const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    const limit = sampleValue(parseExposition(await response.text()), 'wxcc_heap_limit_bytes') ?? 0;
    // 512 MB of old generation and the young generation's share; V8 picks 4 GB on a 16 GB machine.
    expect(limit / 1024 / 1024).toBeGreaterThanOrEqual(512);
    expect(limit / 1024 / 1024).toBeLessThan(640);
  });

  it('serves the local client page and the Adaptive Cards SDK it loads', async () => {
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const vendor = await fetch(`${url}/vendor/adaptivecards/adaptivecards.min.js`);
    expect(vendor.status).toBe(200);
  });

  it('stops cleanly on SIGTERM, having said nothing that reads as a failure', async () => {
    child?.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = stdout.split('\n').filter((line) => line.trim() !== '');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect((JSON.parse(line) as { level: number }).level, line).toBeLessThan(40);
    expect(`${stdout}${stderr}`).not.toMatch(/fail|error|invalid|not a valid/i);
  });
});
