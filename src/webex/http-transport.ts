import {
  type ClientRequest,
  Agent as HttpAgent,
  request as httpRequest,
  type IncomingMessage,
} from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * One HTTP exchange with the Webex REST API over `node:http`/`node:https` and kept-alive
 * connections. Not `fetch`: under load a profile of the bot showed `fetch` (undici behind WHATWG
 * streams and an `AbortSignal` per call) costing about three times the CPU of `node:http` for the
 * same small JSON exchange, and the bot makes two or three of them per click.
 */

export interface HttpExchange {
  status: number;
  text: string;
  /** A response header, or null when absent (the first of repeated ones). */
  header(name: string): string | null;
}

export interface HttpSend {
  method: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
}

const agents = {
  'http:': new HttpAgent({ keepAlive: true }),
  'https:': new HttpsAgent({ keepAlive: true }),
};

/** A kept-alive connection the server closed just as it was reused: the request never reached it. */
function isStaleReuse(request: ClientRequest, error: unknown): boolean {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return request.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE');
}

function once(url: URL, send: HttpSend, retried: boolean): Promise<HttpExchange> {
  return new Promise((resolve, reject) => {
    const https = url.protocol === 'https:';
    const headers: Record<string, string | number> = { ...send.headers };
    if (send.body !== undefined) headers['content-length'] = Buffer.byteLength(send.body);
    const options = { method: send.method, headers, agent: https ? agents['https:'] : agents['http:'] };
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
    };
    const onResponse = (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', (error) => finish(() => reject(error)));
      response.on('end', () =>
        finish(() =>
          resolve({
            status: response.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            header: (name) => {
              const value = response.headers[name.toLowerCase()];
              return (Array.isArray(value) ? value[0] : value) ?? null;
            },
          }),
        ),
      );
    };
    const request = https ? httpsRequest(url, options, onResponse) : httpRequest(url, options, onResponse);
    const timer = setTimeout(
      () => request.destroy(new Error(`no answer within ${send.timeoutMs} ms`)),
      send.timeoutMs,
    );
    request.on('error', (error) => {
      if (!retried && !settled && isStaleReuse(request, error)) {
        settled = true;
        clearTimeout(timer);
        once(url, send, true).then(resolve, reject);
        return;
      }
      finish(() => reject(error));
    });
    request.end(send.body);
  });
}

/** Sends one request; rejects on no connection, a reset or no whole answer within `timeoutMs`. */
export function sendHttp(url: URL, send: HttpSend): Promise<HttpExchange> {
  return once(url, send, false);
}
