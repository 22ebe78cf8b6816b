import { createServer } from 'node:net';

/**
 * A free TCP port on 127.0.0.1, for a process whose `PUBLIC_URL` must be known before it
 * listens. Shared by the tests and the benchmarks.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port === 0 ? reject(new Error('no free port on 127.0.0.1')) : resolve(port)));
    });
  });
}
