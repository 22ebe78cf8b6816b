import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useTestApp } from '../support/use-test-app.js';

describe('the bot in local mode (emulator in-process, real framework, embedded database)', () => {
  const app = useTestApp();

  it('answers help: person created through the admin API, message posted and answer read through the Webex API', async () => {
    const created = await fetch(`${app.url}/emulator/_admin/people`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'newcomer@partner.example', displayName: 'Newcomer' }),
    });
    expect(created.status).toBeLessThan(300);
    const person = z.object({ token: z.string(), email: z.string() }).parse(await created.json());
    const bot = z
      .object({ email: z.string() })
      .parse(await (await fetch(`${app.url}/emulator/_admin/bot`)).json());
    const auth = { authorization: `Bearer ${person.token}`, 'content-type': 'application/json' };

    const sent = await fetch(`${app.emulatorApi}/messages`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ toPersonEmail: bot.email, text: 'help' }),
    });
    expect(sent.status).toBe(200);

    const listSchema = z.object({
      items: z.array(z.object({ personEmail: z.string(), text: z.string().optional() })),
    });
    const deadline = Date.now() + 15_000;
    let answer: string | undefined;
    while (answer === undefined && Date.now() < deadline) {
      const list = listSchema.parse(
        await (
          await fetch(`${app.emulatorApi}/messages/direct?personEmail=${encodeURIComponent(bot.email)}`, {
            headers: auth,
          })
        ).json(),
      );
      answer = list.items.find((message) => message.personEmail === bot.email)?.text;
      if (answer === undefined) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(answer).toMatch(/help|resume|restart/i);
  });

  it('never leaves a person without an answer', async () => {
    const person = await app.person('curious@partner.example');
    await person.say('what is the weather like?');
    const [reply] = await person.waitForMessages(1);
    expect(reply?.text).toMatch(/help/i);
  });

  it('reports liveness and readiness as JSON', async () => {
    const live = await fetch(`${app.url}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', checks: { database: true, webhooks: true } });
  });

  it('rejects a webhook with a bad signature and processes nothing', async () => {
    const person = await app.person('forger@partner.example');
    const before = (await person.messagesFromBot()).length;
    const forged = await fetch(`${app.url}/webhooks/webex`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-spark-signature': 'deadbeef' },
      body: JSON.stringify({
        resource: 'messages',
        event: 'created',
        data: { id: 'x', personEmail: person.email },
      }),
    });
    expect(forged.status).toBe(401);
    expect((await person.messagesFromBot()).length).toBe(before);
  });

  it('protects the API with the bearer token and answers unknown routes with JSON', async () => {
    const anonymous = await fetch(`${app.api}/orders`);
    expect(anonymous.status).toBe(401);
    const missing = await fetch(`${app.url}/nothing-here`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'No route for GET /nothing-here.' });
  });
});
