import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort } from './support/bench-app.js';

/**
 * Start-up: from spawning `npm run start:prod` (after `npm run build`) or `npm start`, as whole
 * processes in local mode with a fresh data directory, to `GET /readyz` answering 200 (database
 * reachable, webhooks registered). `/readyz` is asked every 10 ms; refused connections count as
 * "not yet". Each start is measured several times, alternately, with the load average before the
 * first: on a shared machine one sample says little, the best and the median say more.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) return;
  const exited = once(child, 'exit');
  // npm starts a shell that starts node: the whole group this bench spawned, by its id.
  process.kill(-child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

async function timeToReady(script: string, timeoutMs = 60_000): Promise<number> {
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'bench-startup-'));
  const started = performance.now();
  const child = spawn('npm', ['run', '--silent', script], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      WEBEX_ACCESS_TOKEN: undefined,
    },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  try {
    for (;;) {
      if (child.exitCode !== null)
        throw new Error(`bench: ${script} exited with ${child.exitCode}: ${stderr}`);
      if (performance.now() - started > timeoutMs)
        throw new Error(`bench: ${script} not ready in ${timeoutMs} ms`);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (response) => response.status === 200,
        () => false,
      );
      if (ready) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    await stopGroup(child);
    await rm(dataDir, { recursive: true, force: true });
  }
}

export async function runStartupBench(options: { runs?: number } = {}): Promise<Record<string, number>> {
  const runs = options.runs ?? 5;
  const results: Record<string, number> = {};
  const built = performance.now();
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('bench: npm run build failed');
  results.build_s = (performance.now() - built) / 1000;
  results.load_average_1m = loadavg()[0] ?? 0;
  const scripts = [
    ['start_prod', 'start:prod'],
    ['start', 'start'],
  ] as const;
  const samples = new Map<string, number[]>(scripts.map(([name]) => [name, []]));
  for (let i = 0; i < runs; i += 1) {
    for (const [name, script] of scripts) samples.get(name)?.push(await timeToReady(script));
  }
  for (const [name] of scripts) {
    const sorted = [...(samples.get(name) ?? [])].sort((a, b) => a - b);
    results[`${name}_ready_best_ms`] = sorted[0] ?? Number.NaN;
    results[`${name}_ready_median_ms`] = sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
    results[`${name}_ready_worst_ms`] = sorted.at(-1) ?? Number.NaN;
  }
  return results;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runStartupBench();
  for (const [key, value] of Object.entries(results)) process.stdout.write(`${key}  ${value.toFixed(1)}\n`);
  process.exit(0);
}
