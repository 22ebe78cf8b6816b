import express from 'express';
import { createEmulator, type Emulator, type EmulatorOptions } from './create-emulator.js';

export interface EmulatorServer {
  emulator: Emulator;
  /** `http://host:port`, where `/v1` and `/_admin` are served. */
  baseUrl: string;
  /** `baseUrl + '/v1'`: the Webex API base URL to give the SDK. */
  apiUrl: string;
  close(): Promise<void>;
}

/** Runs the emulator alone on its own HTTP server (127.0.0.1 and a free port by default). */
export async function startEmulatorServer(
  options: EmulatorOptions & { port?: number; host?: string } = {},
): Promise<EmulatorServer> {
  const { port = 0, host = '127.0.0.1', ...emulatorOptions } = options;
  const emulator = await createEmulator(emulatorOptions);
  const app = express();
  app.disable('x-powered-by');
  app.use(emulator.router);
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const listening = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(listening)));
  }).catch(async (error: unknown) => {
    await emulator.close();
    throw error;
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('The emulator has no TCP address');
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const baseUrl = `http://${urlHost}:${address.port}`;
  return {
    emulator,
    baseUrl,
    apiUrl: `${baseUrl}/v1`,
    async close() {
      await emulator.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
