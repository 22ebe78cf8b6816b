import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import { requireLoopbackHost } from './loopback-host.guard.js';

export interface WebClientOptions {
  /** The bot's email in the emulator: the person the page writes to. */
  botEmail: string;
  /** The orders API token, handed to the page so that it can create demo orders. */
  ordersApiToken: string;
  adminEmails: readonly string[];
}

/** The demo people the page offers; `partner.example` is the demo partner's email domain. */
const DEMO_CONTACT = { email: 'pat@partner.example', displayName: 'Pat Partner' };
const DEMO_COLLEAGUE = { email: 'sam@partner.example', displayName: 'Sam Colleague' };

/**
 * The page's files: next to this module when run from the sources; otherwise (compiled into
 * `dist/src/http/`, or bundled into `dist/bundle/`: the build copies no assets) in the project's
 * `src/http/web-client/`, found by walking up from this module.
 */
function clientDirectory(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const beside = join(here, 'web-client');
  if (existsSync(join(beside, 'index.html'))) return beside;
  for (let dir = here; ; dir = dirname(dir)) {
    const candidate = join(dir, 'src', 'http', 'web-client');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(dir) === dir) return beside;
  }
}

/** The browser build of the Adaptive Cards SDK, from the installed package. */
function adaptiveCardsDist(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('adaptivecards/package.json')), 'dist');
}

/**
 * The local client of the emulator (local mode only, never with real Webex): a static page that
 * talks to the emulator's public API as a Webex client does, plus `/local/config.json`, the only
 * place that hands out the orders token, so that the page can create demo orders.
 */
export function createWebClientRouter(options: WebClientOptions): Router {
  const router = express.Router();
  // The page and its config answer only a loopback Host (see the guard: DNS rebinding).
  router.use(requireLoopbackHost);
  router.get('/local/config.json', (_req, res) => {
    res.set('cache-control', 'no-store');
    res.json({
      botEmail: options.botEmail,
      ordersApiToken: options.ordersApiToken,
      people: [
        { ...DEMO_CONTACT, role: 'contact' },
        { ...DEMO_COLLEAGUE, role: 'colleague' },
        ...options.adminEmails.map((email) => ({ email, displayName: email.split('@')[0], role: 'admin' })),
      ],
    });
  });
  router.use(
    '/vendor/adaptivecards',
    express.static(adaptiveCardsDist(), { index: false, fallthrough: false, maxAge: '1h' }),
  );
  router.use(express.static(clientDirectory(), { index: 'index.html', fallthrough: true }));
  return router;
}
