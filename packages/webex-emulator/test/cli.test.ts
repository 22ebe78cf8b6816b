import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cli-args.js';
import { personShape } from './support/shapes.js';

const cliPath = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

function runCli(args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', cliPath, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('emulator command line', () => {
  it.each([
    [['--port', 'abc'], /--port must be a whole number/],
    [['--port', '70000'], /--port must be between 0 and 65535/],
    [['--bot-email', 'nope'], /--bot-email must be an email address/],
    [['--colour'], /Unknown option '--colour'/],
  ])('rejects %j with a clear message', (args, message) => {
    const parsed = parseCliArgs(args);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.errors.join('\n')).toMatch(message);
  });

  it('accepts a port, a host and the bot identity', () => {
    expect(parseCliArgs(['--port', '8080', '--host', '0.0.0.0', '--bot-name', 'Setup'])).toEqual({
      ok: true,
      options: { port: 8080, host: '0.0.0.0', botEmail: undefined, botName: 'Setup', help: false },
    });
  });

  it('exits with status 2 and the usage on a bad flag', async () => {
    const child = runCli(['--port', '99999']);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const [code] = await once(child, 'exit');
    expect(code).toBe(2);
    expect(stderr).toMatch(/error: --port must be between 0 and 65535/);
    expect(stderr).toMatch(/Usage: npm run emulator/);
  });

  it('prints the API URL and the bot token, serves them, and stops cleanly on SIGTERM', async () => {
    const child = runCli(['--port', '0']);
    try {
      const printed: string[] = [];
      for await (const line of createInterface({ input: child.stdout })) {
        printed.push(line);
        if (line.includes('Bot token:')) break;
      }
      const apiUrl = /API URL:\s+(\S+)/.exec(printed.join('\n'))?.[1] ?? '';
      const token = /Bot token:\s+(\S+)/.exec(printed.join('\n'))?.[1] ?? '';
      const me = await fetch(`${apiUrl}/people/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(personShape.parse(await me.json()).type).toBe('bot');
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
