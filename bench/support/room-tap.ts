import { createServer, type Server } from 'node:http';
import { z } from 'zod';
import { freePort } from '../../test/support/free-port.js';

/**
 * The bot's public URL in the process benchmark: a balancer in front of one or more bot processes
 * (round robin, as any load balancer would; the bots keep no state of their own) that also tells
 * the bench what the bot's webhooks carry. The bot registers the `all` firehose, so every event of
 * its 1:1 spaces passes here: a membership names the person and the space (how a person's client
 * learns its space with the bot), the bot's own messages say when each card was stored (`created`,
 * the emulator's clock: when it became visible), and a card submission's arrival is when the click
 * reached the bot's side. Every webhook is answered at once and forwarded meanwhile, so that the
 * emulator's bound of 8 deliveries in flight per webhook does not limit the load (Webex publishes
 * no such bound).
 */

const webhookSchema = z.object({
  resource: z.string(),
  event: z.string(),
  data: z.object({
    id: z.string(),
    roomId: z.string().optional(),
    personId: z.string().optional(),
    personEmail: z.string().optional(),
    created: z.string().optional(),
  }),
});

/** A bot message as its webhook told of it. */
export interface BotMessageEvent {
  id: string;
  /** When the emulator stored it (epoch ms). */
  created: number;
}

export interface RoomTap {
  url: string;
  /** The bots' base URLs, in turn; set once they run (a new list starts the turns again). */
  setUpstreams(urls: readonly string[]): void;
  /** The 1:1 space of the bot with `email`, once its membership was announced. */
  roomOf(email: string, timeoutMs: number): Promise<string>;
  /** The bot's messages in a space so far, in the order their webhooks arrived. */
  botMessages(roomId: string): readonly BotMessageEvent[];
  /** Resolves when the space has more than `count` bot messages (or on timeout, with false). */
  waitForMore(roomId: string, count: number, timeoutMs: number): Promise<boolean>;
  /** When (epoch ms) the latest card submission of the space reached the tap. */
  lastSubmission(roomId: string): number | undefined;
  /** Webhooks forwarded to each bot, by its URL. */
  counts(): Record<string, number>;
  /** Forwards a bot refused or could not take (each tried again, up to 5 times). */
  failures(): number;
  /** Webhooks no bot took after every try. */
  lost(): number;
  close(): Promise<void>;
}

/** Wall-clock milliseconds with the monotonic clock's resolution. */
export const nowMs = () => performance.timeOrigin + performance.now();

export async function startRoomTap(botId: () => string): Promise<RoomTap> {
  let upstreams: string[] = [];
  let turn = 0;
  let failures = 0;
  let lost = 0;
  const counts: Record<string, number> = {};
  const rooms = new Map<string, BotMessageEvent[]>();
  const roomByEmail = new Map<string, string>();
  const submissions = new Map<string, number>();
  const waiters = new Map<string, Set<() => void>>();
  const wake = (key: string) => {
    for (const waiter of waiters.get(key) ?? []) waiter();
  };
  const wait = (key: string, ready: () => boolean, timeoutMs: number): Promise<boolean> => {
    if (ready()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const set = waiters.get(key) ?? new Set();
      waiters.set(key, set);
      const done = (value: boolean) => {
        clearTimeout(timer);
        set.delete(check);
        if (set.size === 0) waiters.delete(key);
        resolve(value);
      };
      const check = () => ready() && done(true);
      const timer = setTimeout(() => done(false), timeoutMs);
      set.add(check);
    });
  };

  const observe = (body: Buffer, at: number) => {
    const parsed = webhookSchema.safeParse(JSON.parse(body.toString('utf8')));
    if (!parsed.success || parsed.data.event !== 'created') return;
    const { resource, data } = parsed.data;
    if (data.roomId === undefined) return;
    if (resource === 'attachmentActions') submissions.set(data.roomId, at);
    else if (resource === 'memberships' && data.personEmail !== undefined && data.personId !== botId()) {
      const email = data.personEmail.toLowerCase();
      roomByEmail.set(email, data.roomId);
      wake(`email:${email}`);
    } else if (resource === 'messages' && data.personId === botId()) {
      const list = rooms.get(data.roomId) ?? [];
      list.push({ id: data.id, created: Date.parse(data.created ?? '') });
      rooms.set(data.roomId, list);
      wake(`room:${data.roomId}`);
    }
  };

  const server: Server = createServer((req, res) => {
    const at = nowMs();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('OK');
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
      // A refused forward is tried again later, as Webex delivers a webhook again after a 5xx.
      const forward = (attempt: number) => {
        const upstream = upstreams[turn % Math.max(1, upstreams.length)];
        turn += 1;
        if (upstream === undefined) return;
        counts[upstream] = (counts[upstream] ?? 0) + 1;
        const retry = () => {
          failures += 1;
          if (attempt < 5) setTimeout(() => forward(attempt + 1), 500 * 2 ** attempt);
          else lost += 1;
        };
        fetch(`${upstream}${req.url ?? ''}`, { method: req.method ?? 'POST', headers, body }).then(
          (answer) => {
            if (!answer.ok) retry();
            return answer.arrayBuffer();
          },
          retry,
        );
      };
      forward(0);
      try {
        observe(body, at);
      } catch {
        // Not JSON: the bot answers it as it sees fit; nothing to observe.
      }
    });
  });
  server.keepAliveTimeout = 60_000;
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    setUpstreams(urls) {
      upstreams = [...urls];
      turn = 0;
    },
    async roomOf(email, timeoutMs) {
      const key = email.toLowerCase();
      const found = await wait(`email:${key}`, () => roomByEmail.has(key), timeoutMs);
      const roomId = roomByEmail.get(key);
      if (!found || roomId === undefined) throw new Error(`bench: no space with ${email} in ${timeoutMs} ms`);
      return roomId;
    },
    botMessages: (roomId) => rooms.get(roomId) ?? [],
    waitForMore: (roomId, count, timeoutMs) =>
      wait(`room:${roomId}`, () => (rooms.get(roomId)?.length ?? 0) > count, timeoutMs),
    lastSubmission: (roomId) => submissions.get(roomId),
    counts: () => ({ ...counts }),
    failures: () => failures,
    lost: () => lost,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
