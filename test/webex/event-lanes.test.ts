import { describe, expect, it } from 'vitest';
import { createEventLanes } from '../../src/webex/event-lanes.js';
import type { FrameworkObservation } from '../../src/webex/framework.adapter.js';
import type { IncomingEvent } from '../../src/webex/gateway.js';
import type { WebhookBody } from '../../src/webex/webhook-body.schema.js';
import { createCapturingLogger } from './support/capturing-logger.js';

/**
 * The lanes around a scripted stand-in for the framework: `process` answers what the real
 * framework would have fetched and emitted. The real framework runs in the runtime tests.
 */

const bot = { id: 'BOT', email: 'bot@webex.bot', displayName: 'Bot' };

function messageBody(id: string, roomId: string, personId = 'P1'): WebhookBody {
  return { id: 'W', name: 'hook', resource: 'messages', event: 'created', data: { id, roomId, personId } };
}

function message(id: string, roomId: string, text = 'hi') {
  return { id, roomId, roomType: 'direct', personId: 'P1', personEmail: 'p1@example.com', text };
}

function emitted(id: string, roomId: string): FrameworkObservation {
  return { fetched: message(id, roomId), trigger: { item: message(id, roomId), person: undefined } };
}

function setUp(
  process: (body: WebhookBody) => Promise<FrameworkObservation>,
  onEvent = async (_e: IncomingEvent) => {},
) {
  const logger = createCapturingLogger();
  const delivered: IncomingEvent[] = [];
  const lanes = createEventLanes({
    process,
    identity: () => bot,
    onEvent: async (event) => {
      delivered.push(event);
      await onEvent(event);
    },
    logger,
    maxReplays: 2,
    replayDelayMs: 1,
  });
  return { lanes, delivered, logger };
}

describe('event lanes', () => {
  it('replays a message the framework fetched but dropped, until it is emitted', async () => {
    let calls = 0;
    const { lanes, delivered, logger } = setUp(async (body) => {
      calls += 1;
      return calls === 1
        ? { fetched: message(body.data.id, 'R1'), trigger: undefined }
        : emitted(body.data.id, 'R1');
    });

    lanes.dispatch(messageBody('M1', 'R1'), performance.now());
    expect(await lanes.drain(1_000)).toBe(true);

    expect(calls).toBe(2);
    expect(delivered.map((e) => e.messageId)).toEqual(['M1']);
    expect(logger.entries.filter((e) => e.msg === 'framework dropped an event; replaying')).toHaveLength(1);
  });

  it('gives up after maxReplays and logs the loss', async () => {
    let calls = 0;
    const { lanes, delivered, logger } = setUp(async () => {
      calls += 1;
      return { fetched: undefined, trigger: undefined };
    });

    lanes.dispatch(messageBody('M1', 'R1'), performance.now());
    await lanes.drain(1_000);

    expect({ calls, delivered }).toEqual({ calls: 3, delivered: [] });
    expect(logger.entries.filter((e) => e.msg === 'webex event lost after replays')).toHaveLength(1);
  });

  it('does not replay what is ignored for good', async () => {
    let calls = 0;
    const { lanes, delivered } = setUp(async (body) => {
      calls += 1;
      return { fetched: message(body.data.id, 'R1', '   '), trigger: undefined };
    });

    lanes.dispatch(messageBody('M1', 'R1'), performance.now());
    await lanes.drain(1_000);

    expect({ calls, delivered }).toEqual({ calls: 1, delivered: [] });
  });

  it('skips the bot’s own messages without asking the framework', async () => {
    let calls = 0;
    const { lanes } = setUp(async (body) => {
      calls += 1;
      return emitted(body.data.id, 'R1');
    });

    lanes.dispatch(messageBody('M1', 'R1', bot.id), performance.now());
    await lanes.drain(1_000);

    expect(calls).toBe(0);
  });

  it('runs a stored body in its space and reports a failed handler to the caller, which keeps it', async () => {
    const { lanes, delivered } = setUp(
      async (body) => emitted(body.data.id, 'R1'),
      async (event) => {
        if (event.messageId === 'M1') throw new Error('database unreachable');
      },
    );

    const first = lanes.run(messageBody('M1', 'R1'), performance.now());
    const second = lanes.run(messageBody('M2', 'R1'), performance.now());

    await expect(first).rejects.toThrow('database unreachable');
    await expect(second).resolves.toBeUndefined();
    expect(delivered.map((e) => e.messageId)).toEqual(['M1', 'M2']);
  });

  it('runs one space in order, and other spaces alongside', async () => {
    const order: string[] = [];
    let releaseFirst: () => void = () => {};
    const firstBlocked = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const { lanes } = setUp(
      async (body) => {
        order.push(`process ${body.data.id}`);
        return emitted(body.data.id, body.data.roomId ?? '');
      },
      async (event) => {
        if (event.messageId === 'A1') await firstBlocked;
        order.push(`handled ${event.messageId}`);
        if (event.messageId === 'B1') releaseFirst();
      },
    );

    lanes.dispatch(messageBody('A1', 'RA'), performance.now());
    lanes.dispatch(messageBody('A2', 'RA'), performance.now());
    lanes.dispatch(messageBody('B1', 'RB'), performance.now());
    await lanes.drain(1_000);

    // B1 went ahead while A1 was blocked; A2 waited for A1 to be handled.
    expect(order.indexOf('handled B1')).toBeLessThan(order.indexOf('handled A1'));
    expect(order.indexOf('handled A1')).toBeLessThan(order.indexOf('process A2'));
  });

  it('logs a failing handler and carries on with the space', async () => {
    const { lanes, delivered, logger } = setUp(
      async (body) => emitted(body.data.id, 'R1'),
      async (event) => {
        if (event.messageId === 'M1') throw new Error('handler broke');
      },
    );

    lanes.dispatch(messageBody('M1', 'R1'), performance.now());
    lanes.dispatch(messageBody('M2', 'R1'), performance.now());
    await lanes.drain(1_000);

    expect(delivered.map((e) => e.messageId)).toEqual(['M1', 'M2']);
    expect(logger.entries.filter((e) => e.msg === 'webhook processing failed')).toHaveLength(1);
  });

  describe('card submits fetched while they are stored', () => {
    const submitBody = (id: string): WebhookBody => ({
      id: 'W',
      name: 'hook',
      resource: 'attachmentActions',
      event: 'created',
      data: { id, roomId: 'R1', personId: 'P1' },
    });
    const submitted = (id: string): FrameworkObservation => ({
      fetched: undefined,
      trigger: {
        item: {
          id,
          type: 'submit',
          messageId: 'M0',
          personId: 'P1',
          roomId: 'R1',
          inputs: { action: 'next' },
        },
        person: { id: 'P1', emails: ['P1@Example.com'] },
      },
    });

    it('fetches once: the stored body is handled with what the prefetch found, and only when run', async () => {
      const fetched: string[] = [];
      const { lanes, delivered } = setUp(async (body) => {
        fetched.push(body.data.id);
        return submitted(body.data.id);
      });
      lanes.prefetch(submitBody('A1'));
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect({ fetched, delivered }).toEqual({ fetched: ['A1'], delivered: [] });
      await lanes.run(submitBody('A1'), performance.now());
      expect(fetched).toEqual(['A1']);
      expect(delivered.map((e) => (e.kind === 'cardSubmit' ? e.actionId : e.kind))).toEqual(['A1']);
    });

    it('fetches again for a body whose prefetch was forgotten (a duplicate), or failed', async () => {
      const fetched: string[] = [];
      let failFirst = true;
      const { lanes, delivered } = setUp(async (body) => {
        fetched.push(body.data.id);
        if (body.data.id === 'A3' && failFirst) {
          failFirst = false;
          throw new Error('fetch failed');
        }
        return submitted(body.data.id);
      });
      lanes.prefetch(submitBody('A2'));
      lanes.forget(submitBody('A2'));
      await lanes.run(submitBody('A2'), performance.now());
      lanes.prefetch(submitBody('A3'));
      await expect(lanes.run(submitBody('A3'), performance.now())).rejects.toThrow('fetch failed');
      await lanes.run(submitBody('A3'), performance.now());
      expect(fetched).toEqual(['A2', 'A2', 'A3', 'A3']);
      expect(delivered).toHaveLength(2);
    });

    it('does not fetch messages early (a new space may still be spawning)', async () => {
      const fetched: string[] = [];
      const { lanes } = setUp(async (body) => {
        fetched.push(body.data.id);
        return emitted(body.data.id, 'R1');
      });
      lanes.prefetch(messageBody('M9', 'R1'));
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(fetched).toEqual([]);
    });
  });
});
