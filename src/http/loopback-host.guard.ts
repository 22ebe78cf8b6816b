import type { RequestHandler } from 'express';
import { sendProblem } from './problems.js';

/** The host names of this machine's loopback interface, as a browser writes them in `Host`. */
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

/** `Host` is a name and an optional port; an IPv6 address is in brackets. */
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::\d{1,5})?$/;

/** True when a `Host` header names the loopback interface (`localhost`, `127.0.0.1`, `[::1]`, any port). */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const match = HOST_HEADER.exec(host.toLowerCase());
  return match?.[1] !== undefined && LOOPBACK_NAMES.has(match[1]);
}

/**
 * Local mode's pages hand out secrets (`/local/config.json` the orders API token, the emulator's
 * admin API people's tokens). A web page elsewhere can point its own name at 127.0.0.1 (DNS
 * rebinding) and read them, since the browser thinks it talks to that name: such a request still
 * says that name in `Host`. So these answer only a loopback `Host`; anything else gets 421, the
 * host not echoed.
 */
export const requireLoopbackHost: RequestHandler = (req, res, next) => {
  if (isLoopbackHost(req.headers.host)) return next();
  sendProblem(
    res,
    421,
    'Local mode answers this only at a loopback address (localhost, 127.0.0.1 or [::1]); the request named another host.',
  );
};
