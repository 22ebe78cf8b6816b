import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

/**
 * Requires one large CommonJS file (a bundle) through V8's code cache: the first load compiles it
 * and writes what V8 compiled (the functions that ran included) beside it; the next loads start
 * from that instead of parsing megabytes of source again. Node 20 has no compile cache of its own
 * (`module.enableCompileCache` came with Node 22). The cache file is named after the source's
 * size and modification time, as V8 checks only the length of the source it is given, and the
 * bundler deletes old ones. One that V8 refuses (another Node version) is simply written again;
 * one that cannot be written (a read-only folder) leaves every start compiling, as without it.
 */
export function requireWithCodeCache(filename: string): unknown {
  const source = readFileSync(filename, 'utf8');
  const { size, mtimeMs } = statSync(filename);
  const cacheFile = `${filename}.${size}-${Math.trunc(mtimeMs)}.v8cache`;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(source), {
    filename,
    ...(cachedData === undefined ? {} : { cachedData }),
  });
  const module = new Module(filename);
  module.filename = filename;
  const run = script.runInThisContext() as (
    exports: unknown,
    require: NodeJS.Require,
    module: Module,
    filename: string,
    dirname: string,
  ) => void;
  run.call(module.exports, module.exports, createRequire(filename), module, filename, dirname(filename));
  module.loaded = true;
  if (cachedData === undefined || script.cachedDataRejected === true) {
    try {
      const partial = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(partial, script.createCachedData());
      renameSync(partial, cacheFile);
    } catch {
      // Not writable here: the next start compiles again, which is all the cache saves.
    }
  }
  return module.exports;
}
