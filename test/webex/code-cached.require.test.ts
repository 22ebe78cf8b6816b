import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requireWithCodeCache } from '../../src/webex/code-cached.require.js';

describe('requiring a bundle through V8 code cache', () => {
  let dir = '';
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'code-cache-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const caches = async () => (await readdir(dir)).filter((file) => file.endsWith('.v8cache'));

  it('writes the cache at the first load and gives the same module from it at the next', async () => {
    const file = path.join(dir, 'bundle.cjs');
    await writeFile(
      file,
      "const os = require('node:os'); module.exports = { answer: 42, eol: os.EOL, dir: __dirname };",
    );
    expect(requireWithCodeCache(file)).toEqual({ answer: 42, eol: '\n', dir });
    expect(await caches()).toHaveLength(1);
    expect(requireWithCodeCache(file)).toEqual({ answer: 42, eol: '\n', dir });
    expect(await caches()).toHaveLength(1);
  });

  it('never runs the cache of an older bundle of the same length', async () => {
    const file = path.join(dir, 'bundle.cjs');
    await writeFile(file, 'module.exports = { version: 1 };');
    await utimes(file, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    expect(requireWithCodeCache(file)).toEqual({ version: 1 });
    await writeFile(file, 'module.exports = { version: 2 };');
    expect(requireWithCodeCache(file)).toEqual({ version: 2 });
  });

  it('loads when the cache cannot be written, compiling each time', async () => {
    const file = path.join(dir, 'bundle.cjs');
    const source = 'module.exports = 1;';
    await writeFile(file, source);
    const modified = new Date('2026-01-01T00:00:00Z');
    await utimes(file, modified, modified);
    // A folder where the cache's temporary file would go: the write fails, as in a read-only folder.
    const cacheFile = `${file}.${source.length}-${modified.getTime()}.v8cache`;
    await mkdir(`${cacheFile}.${process.pid}.tmp`);
    expect(requireWithCodeCache(file)).toBe(1);
    expect(requireWithCodeCache(file)).toBe(1);
    expect(await caches()).toHaveLength(0);
  });
});
