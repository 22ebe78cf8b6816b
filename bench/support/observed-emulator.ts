import type { Server } from 'node:http';
import {
  createEmulator,
  type Emulator,
  type EmulatorPersistence,
  type MessageRecord,
} from '@wxcc-order-setup/webex-emulator';
import express from 'express';
import { fetchOnce } from '../../test/support/fetch-once.js';

/**
 * A Webex emulator on its own HTTP server, observed from inside: its persistence port is awaited
 * before the API call that created a message answers, so a message is "visible" at the moment the
 * emulator stores it, to the millisecond and without any polling by the clients. Each request the
 * emulator serves is also timed by route, for the trace of one click.
 */

export interface ObservedMessage {
  record: MessageRecord;
  /** `performance.now()` when the emulator stored it. */
  at: number;
}

export interface RequestTiming {
  method: string;
  path: string;
  status: number;
  start: number;
  end: number;
}

export interface ObservedEmulator {
  emulator: Emulator;
  baseUrl: string;
  apiUrl: string;
  /** Messages the bot wrote in a room, oldest first. */
  botMessages(roomId: string): ObservedMessage[];
  /** Resolves with the first bot message carrying a card at index ≥ `from` of the room. */
  nextCard(
    roomId: string,
    from: number,
    timeoutMs?: number,
  ): Promise<{ index: number; message: ObservedMessage }>;
  /** The first bot message naming the order `orderId` (`BENCH-<TAG>-<n>`), once stored. */
  messageAbout(orderId: string, timeoutMs?: number): Promise<ObservedMessage>;
  /** The JSON size of every bot message stored so far. */
  storedBytes(): number;
  /** While set, every request is pushed here (the trace). */
  recordRequests(into: RequestTiming[] | undefined): void;
  close(): Promise<void>;
}

export async function startObservedEmulator(): Promise<ObservedEmulator> {
  const rooms = new Map<string, ObservedMessage[]>();
  const byOrder = new Map<string, ObservedMessage>();
  const waiters = new Set<() => void>();
  let botId = '';
  const persistence: EmulatorPersistence = {
    load: async () => undefined,
    save: async (change) => {
      const at = performance.now();
      for (const record of change.upsert.messages ?? []) {
        if (record.personId !== botId || record.editCount > 0) continue;
        const list = rooms.get(record.roomId) ?? [];
        list.push({ record, at });
        rooms.set(record.roomId, list);
        const orderId = /\b(BENCH-[A-Z0-9]+-\d+)\b/.exec(record.text ?? '')?.[1];
        if (orderId !== undefined && !byOrder.has(orderId)) byOrder.set(orderId, { record, at });
      }
      for (const wake of [...waiters]) wake();
    },
  };
  const emulator = await createEmulator({ persistence });
  botId = emulator.bot.id;
  let timings: RequestTiming[] | undefined;
  const app = express();
  app.disable('x-powered-by');
  app.use((req, res, next) => {
    const into = timings;
    if (into !== undefined) {
      const start = performance.now();
      res.on('finish', () =>
        into.push({
          method: req.method,
          path: req.path,
          status: res.statusCode,
          start,
          end: performance.now(),
        }),
      );
    }
    next();
  });
  app.use(emulator.router);
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  // Many conversations at once: keep-alive sockets must not be cut under the clients.
  server.keepAliveTimeout = 60_000;
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new Error('bench: the emulator has no TCP address');
  const baseUrl = `http://127.0.0.1:${address.port}`;

  function waitUntil<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
    const found = probe();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`bench: timed out waiting for ${what}`));
      }, timeoutMs);
      const check = () => {
        const value = probe();
        if (value === undefined) return;
        clearTimeout(timer);
        waiters.delete(check);
        resolve(value);
      };
      waiters.add(check);
    });
  }

  return {
    emulator,
    baseUrl,
    apiUrl: `${baseUrl}/v1`,
    botMessages: (roomId) => rooms.get(roomId) ?? [],
    storedBytes() {
      let bytes = 0;
      for (const [, list] of rooms)
        for (const message of list) bytes += JSON.stringify(message.record).length;
      return bytes;
    },
    nextCard(roomId, from, timeoutMs = 60_000) {
      return waitUntil(
        `a card in ${roomId} after message ${from}`,
        () => {
          const list = rooms.get(roomId) ?? [];
          for (let index = from; index < list.length; index += 1) {
            const message = list[index];
            if (message?.record.attachments !== undefined) return { index, message };
          }
          return undefined;
        },
        timeoutMs,
      );
    },
    messageAbout(orderId, timeoutMs = 60_000) {
      return waitUntil(`a message about ${orderId}`, () => byOrder.get(orderId), timeoutMs);
    },
    recordRequests(into) {
      timings = into;
    },
    async close() {
      await emulator.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Calls the emulator's Webex API as a person (their token), failing loudly on an error status. */
export async function webexCall(
  apiUrl: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<unknown> {
  const response = await fetchOnce(`${apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json: unknown = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Error(`bench: ${method} ${path} → ${response.status} ${JSON.stringify(json)}`);
  return json;
}
