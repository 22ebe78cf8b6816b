import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A listening HTTP server: where it is reached, and how to close it. */
export interface RunningHttpServer {
  readonly server: Server;
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

/** A port bound before the routes that will serve it exist. */
export interface BoundPort extends RunningHttpServer {
  /** From now on, requests go to `app`; called once, with the finished routes. */
  serve(app: RequestListener): void;
}

/**
 * Binds the port first, like opening the database: the parts built next need this instance's own
 * URL (its webhook target, and in local mode the emulator served here), and with port 0 it is known
 * only once bound. Until `serve`, a request is answered 503 with Retry-After (Webex and browsers try
 * again), never left hanging.
 */
export function bindPort(port: number, host: string): Promise<BoundPort> {
  let app: RequestListener | undefined;
  const server = createServer((req, res) => {
    if (app !== undefined) return app(req, res);
    res.writeHead(503, {
      'content-type': 'application/json; charset=utf-8',
      'retry-after': '1',
      'x-content-type-options': 'nosniff',
    });
    res.end(JSON.stringify({ error: 'Starting; try again shortly.' }));
  });
  return new Promise((resolve, reject) => {
    // Kept once bound: a later server error meets a listener instead of ending the process.
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
      resolve({
        server,
        port: address.port,
        url: `http://${shownHost}:${address.port}`,
        serve(routes) {
          if (app !== undefined) throw new Error('the port already serves its routes');
          app = routes;
        },
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}
