import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { IncomingEvent } from '../../src/webex/gateway.js';
import { signWebhookBody } from '../../src/webex/webhook-signature.js';
import { type Harness, startHarness } from './support/webex-harness.js';

/**
 * The runtime with the real framework against the Webex emulator over 127.0.0.1: people write to
 * the bot through the public API, the emulator posts signed webhooks to the runtime's route.
 */

let harness: Harness;
/** Sent before the runtime started, so no webhook was ever delivered for it. */
let early: { id: string; roomId: string; personId: string };

/** Answers every text with `you said: <text>` in the same space, as the conversation layer would. */
async function replyToTexts(event: IncomingEvent, runtime: Harness['runtime']): Promise<void> {
  if (event.kind !== 'text') return;
  await runtime.gateway.sendMessage({ roomId: event.roomId }, { text: `you said: ${event.text}` });
}

beforeAll(async () => {
  harness = await startHarness({ onEvent: replyToTexts, start: false });
  const mia = await harness.person('mia@partner.example');
  early = { ...(await mia.sendToBot('sent before the bot listened')), personId: mia.person.id };
  await harness.runtime.start();
});

afterAll(() => harness.close());

afterEach(() => harness.server.emulator.faults.clear());

describe('incoming texts', () => {
  it('delivers a typed text event for a 1:1 message, and the reply reaches the person', async () => {
    const jane = await harness.person('jane@partner.example', 'Jane Partner');
    const sent = await jane.sendToBot('  help  ');

    const [event] = await harness.events.waitFor((e) => e.messageId === sent.id);
    expect(event).toEqual({
      kind: 'text',
      messageId: sent.id,
      roomId: sent.roomId,
      roomType: 'direct',
      personId: jane.person.id,
      personEmail: 'jane@partner.example',
      text: 'help',
    });
    await harness.server.emulator.webhooksIdle();
    await expect
      .poll(async () => (await jane.directWithBot()).map((m) => m.text))
      .toContain('you said: help');
  });

  it('delivers an @mention in a group space without the mention, and ignores unmentioned messages', async () => {
    const ana = await harness.person('ana@partner.example', 'Ana');
    const room = await ana.createRoom('Order 1234');
    await ana.addToRoom(room.id, harness.server.emulator.bot.email);
    const plain = await ana.post({ roomId: room.id, text: 'just chatting' });
    const mention = await ana.post({
      roomId: room.id,
      markdown: `<@personEmail:${harness.server.emulator.bot.email}|Order Setup> status please`,
    });

    const [event] = await harness.events.waitFor((e) => e.messageId === mention.id);
    expect(event).toMatchObject({ kind: 'text', roomType: 'group', roomId: room.id, text: 'status please' });
    await harness.server.emulator.webhooksIdle();
    expect(harness.events.events.some((e) => e.messageId === plain.id)).toBe(false);
  });

  it('never delivers the bot’s own messages', async () => {
    const omar = await harness.person('omar@partner.example');
    const own = await harness.runtime.gateway.sendMessage(
      { toPersonEmail: omar.person.email },
      { text: 'hello' },
    );
    const reply = await omar.sendToBot('hi');
    await harness.events.waitFor((e) => e.messageId === reply.id);
    await harness.server.emulator.webhooksIdle();
    expect(harness.events.events.some((e) => e.messageId === own.id)).toBe(false);
  });
});

describe('card submits', () => {
  it('delivers a typed cardSubmit event with the inputs as sent', async () => {
    const lea = await harness.person('lea@partner.example');
    const card = {
      type: 'AdaptiveCard',
      version: '1.3',
      body: [{ type: 'Input.Text', id: 'company' }],
      actions: [{ type: 'Action.Submit', title: 'Next', data: { step: 'company' } }],
    };
    const sent = await harness.runtime.gateway.sendMessage(
      { toPersonEmail: lea.person.email },
      { text: 'Company details (open in a client that shows cards)', card },
    );
    const action = await lea.submit(sent.id, { company: 'Acme d.o.o.', step: 'company' });

    const [event] = await harness.events.waitFor((e) => e.kind === 'cardSubmit' && e.messageId === sent.id);
    expect(event).toEqual({
      kind: 'cardSubmit',
      actionId: action.id,
      messageId: sent.id,
      roomId: sent.roomId,
      personId: lea.person.id,
      personEmail: 'lea@partner.example',
      inputs: { company: 'Acme d.o.o.', step: 'company' },
    });
    const [listed] = await lea.directWithBot();
    expect(listed?.id).toBe(sent.id);
  });
});

describe('webhook signatures', () => {
  it('processes a signed webhook and rejects unsigned and badly signed ones without processing them', async () => {
    const hooks = z
      .object({ items: z.array(z.object({ name: z.string(), resource: z.string() })) })
      .parse((await harness.bot.call('GET', '/webhooks')).json);
    const raw = JSON.stringify({
      id: 'posted-by-the-test',
      name: hooks.items.find((hook) => hook.resource === 'all')?.name,
      resource: 'messages',
      event: 'created',
      data: { id: early.id, roomId: early.roomId, roomType: 'direct', personId: early.personId },
    });
    const post = (headers: Record<string, string>) =>
      fetch(harness.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: raw,
      });

    const unsigned = await post({});
    const badlySigned = await post({ 'x-spark-signature': signWebhookBody(raw, 'not-the-secret') });
    const signed = await post({ 'x-spark-signature': signWebhookBody(raw, harness.secret) });

    expect([unsigned.status, badlySigned.status, signed.status]).toEqual([401, 401, 200]);
    const [event] = await harness.events.waitFor((e) => e.messageId === early.id);
    expect(event).toMatchObject({ kind: 'text', text: 'sent before the bot listened' });
    const refusals = harness.logger.entries.filter((e) => e.msg === 'webhook refused: bad signature');
    expect(refusals.map((e) => e.reason)).toEqual(['missing', 'mismatch']);
    // A space's bodies are handled in order: a refused body, had it been queued, came first.
    expect(harness.events.events.filter((e) => e.messageId === early.id)).toHaveLength(1);
  });
});
