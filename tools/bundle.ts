import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

/**
 * Bundles the bot (`src/main.ts`, the workspace packages from their sources, and the npm packages
 * it imports) into one ES module, `dist/bundle/main.js`, which `npm run start:prod` runs. Loading
 * one file instead of about 700 saves most of the time Node spends before the app's first line:
 * resolving and reading each file, and scanning every CommonJS package imported from ES modules
 * for its export names. `webex-node-bot-framework` stays out of it: the framework adapter loads
 * it at run time through `createRequire` (with the trimmed SDK, see `webex-sdk.loader.ts`), from
 * `node_modules` as it is installed.
 *
 * The bundle finds `data/countries.json` and the local client's page by walking up from itself,
 * as the compiled modules do, so it must stay inside the project folder.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** Where `npm run build` writes the bundle. */
export const DEFAULT_BUNDLE = fileURLToPath(new URL('../dist/bundle/main.js', import.meta.url));

export async function bundleApp(outfile: string = DEFAULT_BUNDLE): Promise<void> {
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/main.ts'],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // The workspace packages from their TypeScript sources, as `npm start` runs them.
    conditions: ['source'],
    // The CommonJS packages inside call `require` (Node's built-ins, and the driver's optional
    // add-ons inside `try`, left as run-time requires): give the module one.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    // Stack traces point into the bundle; `node --enable-source-maps` maps them back.
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await bundleApp(process.argv[2]);
}
