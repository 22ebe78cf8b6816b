import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** A full collection, when the process was not started with `--expose-gc`. */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  if (typeof gc === 'function') gc();
}

export const rssMb = () => process.memoryUsage().rss / 1024 / 1024;
export const heapMb = () => process.memoryUsage().heapUsed / 1024 / 1024;

const CLI = fileURLToPath(new URL('../../packages/embedded-mongo/src/cli.ts', import.meta.url));

/** The embedded database as its own process (the CLI, as `npm run db` starts it), and its URI. */
export async function startDatabaseProcess(args: string[]): Promise<{ child: ChildProcess; uri: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const uri = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('mongodb://'));
      if (line) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${String(code)}`)));
  });
  return { child, uri };
}
