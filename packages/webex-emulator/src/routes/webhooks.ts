import { z } from 'zod';
import type { ApiRoutes } from '../api-router.js';
import type { EmulatorContext } from '../context.js';
import { notFound, parseInput } from '../errors.js';
import { newId } from '../ids.js';
import { pageOf, queryMax } from '../paging.js';
import type { WebhookRecord } from '../records.js';
import type { EmulatorState } from '../state.js';
import { renderWebhook } from '../views.js';
import { parseFilter } from '../webhooks/events.js';

/** The resources and events the emulator can fire (Webex's messaging subset). */
const RESOURCES = ['all', 'messages', 'memberships', 'rooms', 'attachmentActions'] as const;
const EVENTS = ['all', 'created', 'updated', 'deleted'] as const;

const targetUrl = z
  .string({ message: 'is required' })
  .url('must be an absolute URL')
  .refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://');
const name = z.string({ message: 'is required' }).trim().min(1, 'must not be empty').max(128);
const secret = z.string().min(1, 'must not be empty').max(256).optional();

const createWebhookSchema = z.object({
  name,
  targetUrl,
  resource: z.enum(RESOURCES, { message: `must be one of ${RESOURCES.join(', ')}` }),
  event: z.enum(EVENTS, { message: `must be one of ${EVENTS.join(', ')}` }),
  filter: z
    .string()
    .refine((value) => parseFilter(value) !== undefined, 'must be key=value pairs joined by &')
    .optional(),
  secret,
  ownedBy: z.enum(['creator', 'org']).optional(),
});

const updateWebhookSchema = z.object({
  name,
  targetUrl,
  secret,
  ownedBy: z.enum(['creator', 'org']).optional(),
  status: z.enum(['active', 'inactive']).optional(),
});

function ownWebhook(state: EmulatorState, id: string, ownerId: string): WebhookRecord {
  const webhook = state.webhooks.get(id);
  if (webhook === undefined || webhook.ownerId !== ownerId) {
    throw notFound('Could not find a webhook with provided ID.');
  }
  return webhook;
}

export function registerWebhookRoutes(ctx: EmulatorContext, routes: ApiRoutes): void {
  const { state } = ctx;

  routes.get('/webhooks', ({ req, caller }) => {
    const max = queryMax(req, 100, 1000);
    const own = [...state.webhooks.values()].filter((webhook) => webhook.ownerId === caller.id);
    const page = pageOf(req, own, max);
    return {
      body: { items: page.body.items.map((webhook) => renderWebhook(state, webhook)) },
      headers: page.headers,
    };
  });

  routes.post('/webhooks', async ({ req, caller }) => {
    const input = parseInput(createWebhookSchema, req.body);
    const webhook: WebhookRecord = {
      id: newId('WEBHOOK'),
      name: input.name,
      targetUrl: input.targetUrl,
      resource: input.resource,
      event: input.event,
      ...(input.filter === undefined ? {} : { filter: input.filter }),
      ...(input.secret === undefined ? {} : { secret: input.secret }),
      status: 'active',
      ownerId: caller.id,
      created: state.now(),
    };
    await state.commit({ upsert: { webhooks: [webhook] }, remove: {} });
    return { body: renderWebhook(state, webhook) };
  });

  routes.get('/webhooks/:webhookId', ({ req, caller }) => ({
    body: renderWebhook(state, ownWebhook(state, String(req.params.webhookId), caller.id)),
  }));

  routes.put('/webhooks/:webhookId', async ({ req, caller }) => {
    const webhook = ownWebhook(state, String(req.params.webhookId), caller.id);
    const input = parseInput(updateWebhookSchema, req.body);
    // A PUT without a secret keeps the old one, as Webex does.
    const updated: WebhookRecord = {
      ...webhook,
      name: input.name,
      targetUrl: input.targetUrl,
      ...(input.secret === undefined ? {} : { secret: input.secret }),
      status: input.status ?? webhook.status,
    };
    await state.commit({ upsert: { webhooks: [updated] }, remove: {} });
    if (webhook.status === 'inactive' && updated.status === 'active') ctx.disabling.reenabled(webhook.id);
    return { body: renderWebhook(state, updated) };
  });

  routes.delete('/webhooks/:webhookId', async ({ req, caller }) => {
    const webhook = ownWebhook(state, String(req.params.webhookId), caller.id);
    await state.commit({ upsert: {}, remove: { webhooks: [webhook.id] } });
    ctx.disabling.forget(webhook.id);
    return { status: 204 };
  });
}
