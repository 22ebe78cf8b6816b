import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { botOrgId, type EmulatorContext } from './context.js';
import { emailSchema, ensurePerson } from './directory.js';
import { ApiError, errorBody, parseInput } from './errors.js';
import { faultSettingsSchema } from './faults.js';
import { newTrackingId, orgIdFor } from './ids.js';
import type { PersonRecord } from './records.js';
import { renderWebhook } from './views.js';

const createPersonSchema = z.object({
  email: emailSchema,
  displayName: z.string().trim().min(1, 'must not be empty').max(128).optional(),
  /** A Webex organization id or an organization's name; the bot's organization by default. */
  orgId: z.string().trim().min(1, 'must not be empty').max(200).optional(),
});

function adminView(person: PersonRecord) {
  const { id, email, displayName, orgId, type } = person;
  return { id, email, displayName, orgId, type };
}

/**
 * The local-only admin API (no auth): people (the only way anyone comes to exist) with their
 * organization and token, for the emulator's client and for tests, the bot's identity, webhooks with delivery counts, faults, and request counters.
 */
export function createAdminRouter(ctx: EmulatorContext): Router {
  const { state } = ctx;
  const router = express.Router();
  router.use((_req, res, next) => {
    res.set('trackingid', newTrackingId());
    next();
  });
  router.use(express.json({ limit: '100kb' }));

  router.post('/people', async (req, res) => {
    const input = parseInput(createPersonSchema, req.body);
    const orgId = input.orgId === undefined ? botOrgId(ctx) : orgIdFor(input.orgId);
    const person = await ensurePerson(state, input.email, orgId, input.displayName);
    res.json({ ...adminView(person), token: person.token });
  });

  router.get('/people', (_req, res) => {
    const items = [...state.people.values()].map(adminView);
    res.json({ items });
  });

  router.get('/bot', (_req, res) => {
    const bot = state.people.get(ctx.botId);
    if (bot === undefined) throw new ApiError(404, 'The bot is not set up.');
    res.json({ id: bot.id, email: bot.email, displayName: bot.displayName, orgId: bot.orgId });
  });

  router.get('/webhooks', (_req, res) => {
    const items = [...state.webhooks.values()].map((webhook) => ({
      ...renderWebhook(state, webhook),
      ownerEmail: state.people.get(webhook.ownerId)?.email ?? '',
      deliveries: { ...ctx.delivery.statsOf(webhook.id), ...ctx.disabling.view(webhook.id) },
    }));
    res.json({ items });
  });

  router.get('/faults', (_req, res) => {
    res.json(ctx.faults.controls.current());
  });

  router.post('/faults', (req, res) => {
    ctx.faults.controls.set(parseInput(faultSettingsSchema, req.body));
    res.json(ctx.faults.controls.current());
  });

  router.delete('/faults', (_req, res) => {
    ctx.faults.controls.clear();
    res.status(204).end();
  });

  router.get('/stats', (_req, res) => {
    res.json(ctx.stats.snapshot());
  });

  router.delete('/stats', (_req, res) => {
    ctx.stats.reset();
    res.status(204).end();
  });

  const fail = (res: Response, status: number, message: string) =>
    res.status(status).json(errorBody(message, String(res.get('trackingid'))));
  router.use((_req, res) => fail(res, 404, 'No such admin endpoint.'));
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof ApiError) return fail(res, error.status, error.message);
    if (error instanceof SyntaxError) return fail(res, 400, 'The request body is not valid JSON.');
    ctx.logger.error({ err: error }, 'emulator admin request failed');
    return fail(res, 500, 'Admin request failed.');
  });
  return router;
}
