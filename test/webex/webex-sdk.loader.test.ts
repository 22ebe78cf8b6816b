import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { preloadFramework } from '../../src/webex/framework.adapter.js';
import { LEFT_OUT_SDK_PLUGINS } from '../../src/webex/webex-sdk.loader.js';

/**
 * The framework's SDK is loaded trimmed: no polyfill, no plugin nobody calls, and the plugins the
 * framework calls all there on an instance (the whole bot against the emulator is in
 * `webex.runtime.test.ts`).
 */
describe('the trimmed Webex SDK', () => {
  const requireHere = createRequire(import.meta.url);
  const requireFromFramework = createRequire(requireHere.resolve('webex-node-bot-framework'));
  const sdkEntry = requireFromFramework.resolve('webex');

  it('loads neither @babel/polyfill nor core-js nor the plugins left out', () => {
    preloadFramework();
    const loaded = Object.keys(requireHere.cache);
    expect(loaded.some((file) => /node_modules[\\/]@babel[\\/]polyfill[\\/]/.test(file))).toBe(false);
    expect(loaded.some((file) => /node_modules[\\/]core-js[\\/]modules[\\/]/.test(file))).toBe(false);
    const requireSdk = createRequire(sdkEntry);
    for (const plugin of LEFT_OUT_SDK_PLUGINS) {
      expect(requireSdk.cache[requireSdk.resolve(plugin)]?.exports, plugin).toEqual({});
    }
    expect(
      loaded.some((file) => /node_modules[\\/]@webex[\\/]plugin-meetings[\\/]dist[\\/]meeting/.test(file)),
    ).toBe(false);
  });

  it('gives the framework an SDK whose instances have what the framework calls', () => {
    preloadFramework();
    const Webex = requireFromFramework('webex') as {
      init(attributes: Record<string, unknown>): Record<string, unknown>;
    };
    const webex = Webex.init({
      credentials: { access_token: 'a_b_c' },
      config: { logger: { level: 'silent' } },
    });
    for (const plugin of ['messages', 'rooms', 'memberships', 'people', 'webhooks', 'attachmentActions']) {
      expect(webex[plugin], plugin).toBeTypeOf('object');
    }
    expect(webex.meetings).toBeUndefined();
    expect((webex.internal as Record<string, unknown>).device).toBeTypeOf('object');
  });
});
