import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { FRAMEWORK_BUNDLE_NAME } from '../src/webex/framework.adapter.js';
import { LEFT_OUT_SDK_PLUGINS, SDK_WITHOUT_POLYFILL } from '../src/webex/webex-sdk.loader.js';

/**
 * Bundles the bot for `npm run start:prod` into two files, `dist/bundle/main.js` and beside it
 * `framework.cjs`. Loading one file instead of hundreds saves most of the time Node spends before
 * `/readyz` can answer: resolving and reading each file, wrapping each CommonJS module, and
 * scanning every CommonJS package imported from an ES module for its export names.
 *
 * - `main.js`: `src/main.ts`, the workspace packages from their sources (as `npm start` runs
 *   them) and the npm packages it imports (about 700 modules), as one ES module.
 * - `framework.cjs`: `webex-node-bot-framework` with the SDK trimmed as `webex-sdk.loader.ts`
 *   trims it (about 1,500 modules), which the framework adapter loads, on its first use, when it
 *   finds it beside itself, through V8's code cache (written beside it at the first start).
 *
 * Both find `data/countries.json` and the local client's page by walking up from themselves, as
 * the compiled modules do, so the bundle must stay inside the project folder.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where `npm run build` writes the bundle. */
export const DEFAULT_BUNDLE = join(ROOT, 'dist', 'bundle', 'main.js');

/**
 * `require('webex')` gives the SDK without its polyfill, and the plugins it leaves out are empty
 * modules. `when` (the framework's promises) wraps each module in an AMD `define(function
 * (require) {...})` that hands it the CommonJS `require` at run time, which a bundler cannot follow:
 * without the parameter, the same calls are the module's own `require`, which it can.
 */
const trimmedSdk: Plugin = {
  name: 'trimmed-webex-sdk',
  setup(builder) {
    const requireFromFramework = createRequire(createRequire(ROOT).resolve('webex-node-bot-framework'));
    const sdkEntry = requireFromFramework.resolve('webex');
    const withoutPolyfill = createRequire(sdkEntry).resolve(SDK_WITHOUT_POLYFILL);
    builder.onResolve({ filter: /^webex$/ }, () => ({ path: withoutPolyfill }));
    const leftOut = new Set<string>(LEFT_OUT_SDK_PLUGINS);
    builder.onResolve({ filter: /^@webex\// }, (args) =>
      leftOut.has(args.path) ? { path: args.path, namespace: 'left-out' } : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({ contents: '', loader: 'js' }));
    builder.onLoad({ filter: /[\\/]node_modules[\\/]when[\\/].*\.js$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(
        /define\(function\s*\(require\)/g,
        'define(function ()',
      ),
      loader: 'js',
    }));
  },
};

/**
 * Writes the app's bundle to `outfile` and the framework's beside it, deleting the framework's
 * code caches left there by an earlier bundle.
 */
export async function bundleApp(outfile: string = DEFAULT_BUNDLE): Promise<void> {
  // The framework's code caches (see `code-cached.require.ts`) belong to the bundle they were made of.
  const outDir = dirname(outfile);
  await mkdir(outDir, { recursive: true });
  for (const file of await readdir(outDir)) {
    if (file.endsWith('.v8cache')) await rm(join(outDir, file), { force: true });
  }
  const common = {
    absWorkingDir: ROOT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
  } as const;
  await build({
    ...common,
    entryPoints: ['src/main.ts'],
    outfile,
    format: 'esm',
    conditions: ['source'],
    // The CommonJS packages inside call `require` (Node's built-ins, and the driver's optional
    // add-ons inside `try`, left as run-time requires): give the module one.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    // Stack traces point into the bundle; `node --enable-source-maps` maps them back.
    sourcemap: 'linked',
  });
  await build({
    ...common,
    stdin: {
      contents: `module.exports = {
        Framework: require('webex-node-bot-framework'),
        processEvent: require('webex-node-bot-framework/lib/process-event'),
        Webex: require('webex'),
      };`,
      resolveDir: ROOT,
      loader: 'js',
    },
    outfile: join(outDir, FRAMEWORK_BUNDLE_NAME),
    format: 'cjs',
    plugins: [trimmedSdk],
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await bundleApp(process.argv[2]);
}
