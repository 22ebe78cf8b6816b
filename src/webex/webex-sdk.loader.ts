import { createRequire, Module } from 'node:module';
import type Webex from 'webex';

/**
 * The `webex` SDK as the framework uses it, without what it never calls. The SDK's own entry
 * (`webex/dist/index.js`) first loads `@babel/polyfill` (about 460 modules of `core-js`, patching
 * built-ins that Node 20 has natively; the SDK's compiled code uses `@babel/runtime-corejs2`'s
 * ponyfills, not those globals), then every plugin, meetings, calendar, presence, support and the
 * device manager included. Together they are about a fifth of the framework's load time, which
 * `/readyz` waits for. This builds the same `Webex` class as `webex/dist/webex.js` does, from the
 * plugins the framework calls (messages, rooms, memberships, people, webhooks, attachment
 * actions; teams for completeness), authorization (which loads the device registration the
 * framework reads) and the logger.
 */
const PLUGINS = [
  '@webex/plugin-authorization',
  '@webex/plugin-attachment-actions',
  '@webex/plugin-logger',
  '@webex/plugin-messages',
  '@webex/plugin-memberships',
  '@webex/plugin-people',
  '@webex/plugin-rooms',
  '@webex/plugin-teams',
  '@webex/plugin-team-memberships',
  '@webex/plugin-webhooks',
] as const;

interface WebexCoreClass {
  extend(properties: Record<string, unknown>): new (attributes: Webex.InitAttributes) => Webex.Instance;
}

/**
 * Makes `require('webex')`, resolved to `webexEntry`, give the trimmed SDK from now on (in this
 * process), unless the full SDK was loaded already, and returns the `Webex` that `require` gives.
 */
export function installTrimmedWebexSdk(webexEntry: string): typeof Webex {
  const requireSdk = createRequire(webexEntry);
  const cached = requireSdk.cache[webexEntry];
  if (cached !== undefined) return cached.exports as typeof Webex;
  for (const plugin of PLUGINS) requireSdk(plugin);
  const merge = requireSdk('lodash/merge') as (...objects: object[]) => Record<string, unknown>;
  const WebexCore = (requireSdk('@webex/webex-core') as { default: WebexCoreClass }).default;
  const config = (requireSdk('./config') as { default: Record<string, unknown> }).default;
  const { version } = requireSdk('../package.json') as { version: string };
  // As `webex/dist/webex.js`: the class, and `init` merging the caller's config over the SDK's.
  const WebexClass = WebexCore.extend({ webex: true, version });
  const sdk: typeof Webex = {
    init: (attributes = {}) =>
      new WebexClass({ ...attributes, config: merge({}, config, attributes.config ?? {}) }),
  };
  const module = new Module(webexEntry);
  module.filename = webexEntry;
  module.loaded = true;
  module.exports = sdk;
  requireSdk.cache[webexEntry] = module;
  return sdk;
}
