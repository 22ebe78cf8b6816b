import express, { type Request, type Response, type Router } from 'express';
import type { WebexLogger } from './gateway.js';
import { type WebhookBody, webhookBodySchema } from './webhook-body.schema.js';
import { verifyWebhookSignature } from './webhook-signature.js';

export interface WebhookRouterOptions {
  secret: string;
  logger: WebexLogger;
  /** False before start and after stop: answer 503 so that Webex delivers again later. */
  isAccepting: () => boolean;
  /**
   * Takes a verified, well-formed body; resolves once it may be acknowledged (`accepted`: it is
   * stored, or needs no storing) or with `unavailable` (answer 503: Webex delivers it again).
   */
  onWebhook: (body: WebhookBody, receivedAt: number) => Promise<'accepted' | 'unavailable'>;
}

/** How deep a webhook body may nest objects and arrays (MongoDB itself stores at most 100). */
export const MAX_WEBHOOK_DEPTH = 32;

/** True when JSON text opens more than `max` objects or arrays inside one another (strings skipped). */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === '{' || char === '[') {
      depth++;
      if (depth > max) return true;
    } else if (char === '}' || char === ']') depth--;
  }
  return false;
}

/**
 * The express router Webex posts to; the app mounts it at `/webhooks/webex`, before any global
 * body parser, because the signature covers the raw bytes. Order matters: signature first (bad or
 * missing → 401, nothing parsed, body never logged), then shape (400), then the body is stored
 * and only then answered 200; the work happens after the answer, so a slow handler never makes
 * Webex time out and disable the webhook, and a crash after the answer loses nothing.
 */
export function createWebhookRouter(options: WebhookRouterOptions): Router {
  const router = express.Router();
  router.post('/', express.raw({ type: '*/*', limit: '1mb' }), async (req: Request, res: Response) => {
    const receivedAt = performance.now();
    const body: unknown = req.body;
    if (body !== undefined && !Buffer.isBuffer(body)) {
      options.logger.error(
        {},
        'webhook body was parsed before the webhook route; mount it before express.json()',
      );
      res.status(500).json({ error: 'server misconfigured' });
      return;
    }
    const raw = body ?? Buffer.alloc(0);
    const check = verifyWebhookSignature(raw, req.get('x-spark-signature'), options.secret);
    if (!check.ok) {
      options.logger.warn(
        { reason: check.reason, bytes: raw.length, remoteAddress: req.socket.remoteAddress },
        'webhook refused: bad signature',
      );
      res.status(401).json({ error: 'invalid signature' });
      return;
    }
    const text = raw.toString('utf8');
    // Webex bodies nest 3 deep; a signed body nested 50,000 deep would fail only when stored
    // (its encoding runs out of stack), and be held and retried as if the database were down.
    if (jsonDepthExceeds(text, MAX_WEBHOOK_DEPTH)) {
      options.logger.warn({ bytes: raw.length }, 'webhook refused: nested too deeply');
      res.status(400).json({ error: `body is nested more than ${MAX_WEBHOOK_DEPTH} levels deep` });
      return;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      res.status(400).json({ error: 'body is not JSON' });
      return;
    }
    const parsed = webhookBodySchema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`,
      );
      options.logger.warn({ problems }, 'webhook refused: unexpected shape');
      res.status(400).json({ error: 'unexpected webhook body', problems });
      return;
    }
    if (!options.isAccepting()) {
      res.status(503).set('retry-after', '5').json({ error: 'not ready' });
      return;
    }
    const outcome = await options.onWebhook(parsed.data, receivedAt).catch((error: unknown) => {
      options.logger.error({ err: error }, 'webhook intake failed');
      return 'unavailable' as const;
    });
    if (outcome === 'unavailable') {
      res.status(503).set('retry-after', '5').json({ error: 'cannot store the event now; deliver it again' });
      return;
    }
    res.status(200).send('OK');
  });
  return router;
}
