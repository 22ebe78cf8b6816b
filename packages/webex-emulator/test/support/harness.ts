import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type EmulatorOptions, type EmulatorServer, startEmulatorServer } from '../../src/index.js';

/** A started emulator plus a small authenticated fetch. */
export interface Harness extends EmulatorServer {
  api(token: string, method: string, path: string, body?: unknown): Promise<ApiResult>;
  /** The admin API (no token). */
  admin(method: string, path: string, body?: unknown): Promise<ApiResult>;
}

export interface ApiResult {
  status: number;
  headers: Headers;
  /** The parsed body; read it through a schema in `shapes.ts`. */
  json: unknown;
}

export async function startHarness(options: EmulatorOptions = {}): Promise<Harness> {
  const server = await startEmulatorServer(options);
  return {
    ...server,
    api: (token, method, path, body) =>
      call(path.startsWith('http') ? path : `${server.apiUrl}${path}`, method, token, body),
    admin: (method, path, body) => call(`${server.baseUrl}/_admin${path}`, method, undefined, body),
  };
}

async function call(
  url: string,
  method: string,
  token: string | undefined,
  body: unknown,
): Promise<ApiResult> {
  const response = await fetch(url, {
    method,
    headers: {
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text === '' ? undefined : JSON.parse(text),
  };
}

export interface Delivery {
  raw: string;
  headers: IncomingHttpHeaders;
  body: unknown;
}

/**
 * A webhook target that records every POST with its raw body. `respond` picks the status per
 * request (default 200); `waitFor(n)` resolves once n deliveries arrived, without sleeping.
 */
export async function startReceiver(respond: (index: number, body: unknown) => number = () => 200) {
  const deliveries: Delivery[] = [];
  let requests = 0;
  const waiters: Array<{ count: number; resolve: () => void }> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = respond(requests, JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null'));
      requests += 1;
      res.statusCode = status;
      res.end();
      if (status >= 200 && status < 300) {
        const raw = Buffer.concat(chunks).toString('utf8');
        deliveries.push({ raw, headers: req.headers, body: JSON.parse(raw) });
      }
      for (const waiter of [...waiters]) {
        if (deliveries.length >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('receiver has no TCP address');
  return {
    url: `http://127.0.0.1:${address.port}/hook`,
    deliveries,
    requests: () => requests,
    waitFor(count: number): Promise<void> {
      if (deliveries.length >= count) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;

/** A minimal valid Adaptive Card. */
export function card(text = 'Pick one') {
  return {
    contentType: 'application/vnd.microsoft.card.adaptive',
    content: {
      type: 'AdaptiveCard',
      version: '1.3',
      body: [{ type: 'TextBlock', text }],
      actions: [{ type: 'Action.Submit', title: 'Go', data: { step: 'role' } }],
    },
  };
}
