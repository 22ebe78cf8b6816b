import { createServer, type Server } from 'node:http';
import { z } from 'zod';
import { freePort } from './bench-app.js';

/**
 * A pass-through in front of the app's webhook route: the emulator posts to the tap, the tap
 * forwards the same bytes and headers to the app (without waiting, see below) and notes when each card submission reached
 * it, so that "server side" latency (webhook in → next card stored) can be told apart from the
 * client's and the emulator's share of a click.
 */

const webhookSchema = z.object({ resource: z.string(), data: z.object({ roomId: z.string().optional() }) });

export interface WebhookTap {
  url: string;
  /** Where the tap forwards to, once the app is listening (its port is known in advance). */
  forwardTo(url: string): void;
  /** `performance.now()` of the latest submission webhook of the room, if any. */
  lastSubmission(roomId: string): number | undefined;
  /** Forwards the app refused or could not take. */
  failures(): number;
  close(): Promise<void>;
}

export async function startWebhookTap(): Promise<WebhookTap> {
  let target = '';
  let failures = 0;
  const submissions = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const at = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const parsed = webhookSchema.safeParse(JSON.parse(body.toString('utf8')));
      if (parsed.success && parsed.data.resource === 'attachmentActions' && parsed.data.data.roomId)
        submissions.set(parsed.data.data.roomId, at);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
      // Answered at once, forwarded meanwhile: the emulator delivers a webhook's events one at a
      // time, each after the previous answer; Webex does not wait like that, and neither does this.
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('OK');
      fetch(`${target}${req.url ?? ''}`, { method: req.method ?? 'POST', headers, body }).then(
        (answer) => {
          if (!answer.ok) failures += 1;
          return answer.arrayBuffer();
        },
        () => {
          failures += 1;
        },
      );
    });
  });
  server.keepAliveTimeout = 60_000;
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    forwardTo(url) {
      target = url;
    },
    lastSubmission: (roomId) => submissions.get(roomId),
    failures: () => failures,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
