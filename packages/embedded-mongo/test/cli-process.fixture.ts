/**
 * Runs the embedded server's CLI as a child process (as `npm run db` does) and reads the
 * connection string it prints.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

export interface CliProcess {
  readonly child: ChildProcess;
  readonly uri: string;
  /** Everything the process wrote to stderr so far. */
  stderr(): string;
}

/** Starts the CLI with `args` and resolves once it prints its URI. */
export async function startCli(args: readonly string[]): Promise<CliProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const uri = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('mongodb://'));
      if (line) resolve(line.trim());
    });
    child.once('exit', (code) =>
      reject(new Error(`CLI exited with ${String(code)} before printing its URI: ${stderr}`)),
    );
  });
  return { child, uri, stderr: () => stderr };
}

/** Runs the CLI to completion (for argument errors) and returns its exit code and stderr. */
export async function runCliToExit(
  args: readonly string[],
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const [code] = await once(child, 'exit');
  return { code: typeof code === 'number' ? code : null, stderr };
}

/** Sends `signal` and waits for the process to exit. */
export async function stopCli(cli: CliProcess, signal: NodeJS.Signals): Promise<number | null> {
  const exited = once(cli.child, 'exit');
  cli.child.kill(signal);
  const [code] = await exited;
  return typeof code === 'number' ? code : null;
}
