import { createRequire, Module } from 'node:module';
import type Webex from 'webex';

/**
 * The `webex` SDK as the framework uses it, without what it never calls. The SDK's own entry
 * (`webex/dist/index.js`) first loads `@babel/polyfill` (about 460 modules of `core-js`, patching
 * built-ins that Node 20 has natively; the SDK's compiled code uses `@babel/runtime-corejs2`'s
 * ponyfills, not those globals), then `webex/dist/webex.js`, which loads every plugin for its
 * side effect of registering itself. Together the polyfill and the plugins below, which neither
 * the framework nor the bot calls, are about a fifth of the framework's load time, which
 * `/readyz` waits for. Nothing else requires them (`webex.js` only, for that side effect).
 */
export const LEFT_OUT_SDK_PLUGINS = [
  '@webex/internal-plugin-calendar',
  '@webex/internal-plugin-presence',
  '@webex/internal-plugin-support',
  '@webex/plugin-device-manager',
  '@webex/plugin-meetings',
] as const;

/** The SDK's module that builds `Webex` with its plugins, without the polyfill (from its entry). */
export const SDK_WITHOUT_POLYFILL = './webex';

function loadedModule(filename: string, exports: unknown): Module {
  const module = new Module(filename);
  module.filename = filename;
  module.loaded = true;
  module.exports = exports;
  return module;
}

/**
 * Makes `require('webex')`, resolved to `webexEntry`, give the trimmed SDK from now on (in this
 * process), unless the full SDK was loaded already, and returns the `Webex` that `require` gives.
 * The plugins left out are registered in the require cache as empty modules.
 */
export function installTrimmedWebexSdk(webexEntry: string): typeof Webex {
  const requireSdk = createRequire(webexEntry);
  const cached = requireSdk.cache[webexEntry];
  if (cached !== undefined) return cached.exports as typeof Webex;
  for (const plugin of LEFT_OUT_SDK_PLUGINS) {
    const filename = requireSdk.resolve(plugin);
    requireSdk.cache[filename] ??= loadedModule(filename, {});
  }
  const sdk = requireSdk(SDK_WITHOUT_POLYFILL) as typeof Webex;
  requireSdk.cache[webexEntry] = loadedModule(webexEntry, sdk);
  return sdk;
}
