import { describe, expect, it } from 'vitest';
import { createEventRouter, createEventRoutes } from '../../src/bot/event.router.js';
import type { Logger } from '../../src/log/logger.js';
import type { IncomingCardSubmit, IncomingEvent, IncomingText } from '../../src/webex/gateway.js';

/** A logger that keeps what was logged, to check the context of a failure. */
function recordingLogger() {
  const lines: Array<{ level: string; obj: object; msg: string | undefined }> = [];
  const logger: Logger = {
    debug: (obj, msg) => lines.push({ level: 'debug', obj, msg }),
    info: (obj, msg) => lines.push({ level: 'info', obj, msg }),
    warn: (obj, msg) => lines.push({ level: 'warn', obj, msg }),
    error: (obj, msg) => lines.push({ level: 'error', obj, msg }),
    child: () => logger,
  };
  return { logger, lines };
}

const text = (words: string): IncomingText => ({
  kind: 'text',
  messageId: 'M1',
  roomId: 'R1',
  roomType: 'direct',
  personId: 'P1',
  personEmail: 'ana@partner.example',
  text: words,
});

const submit = (inputs: Record<string, unknown>): IncomingCardSubmit => ({
  kind: 'cardSubmit',
  actionId: 'A1',
  messageId: 'M2',
  roomId: 'R1',
  personId: 'P1',
  personEmail: 'ana@partner.example',
  inputs,
});

function routerWith() {
  const handled: string[] = [];
  const replies: IncomingEvent[] = [];
  const { logger, lines } = recordingLogger();
  const router = createEventRouter({
    logger,
    replyTryAgain: async (event) => {
      replies.push(event);
    },
  });
  return { router, lines, replies, handled };
}

describe('the event router', () => {
  it('gives an event to the first route that matches it, and to no other', async () => {
    const { router, handled } = routerWith();
    router.use(
      createEventRoutes()
        .text(
          'hello',
          (event) => event.text === 'hello',
          async () => {
            handled.push('hello');
          },
        )
        .text(
          'any text',
          () => true,
          async (event) => {
            handled.push(`any text: ${event.text}`);
          },
        )
        .submit(
          'any submit',
          () => true,
          async () => {
            handled.push('any submit');
          },
        ),
    );
    await router.handle(text('hello'));
    await router.handle(text('bye'));
    await router.handle(submit({}));
    expect(handled).toEqual(['hello', 'any text: bye', 'any submit']);
  });

  it('hands the handler what the matcher read, and skips routes whose matcher says false', async () => {
    const { router, handled } = routerWith();
    router.use(
      createEventRoutes()
        .submit(
          'never',
          () => false,
          async () => {
            handled.push('never');
          },
        )
        .submit(
          'numbered',
          (event) => (typeof event.inputs.n === 'number' ? event.inputs.n : undefined),
          async (_event, n) => {
            handled.push(`numbered ${n * 2}`);
          },
        ),
    );
    await router.handle(submit({ n: 21 }));
    await router.handle(submit({ n: 'x' }));
    expect(handled).toEqual(['numbered 42']);
  });

  it('matches routes added later after those added first', async () => {
    const { router, handled } = routerWith();
    router.use(
      createEventRoutes().text(
        'first',
        () => true,
        async () => {
          handled.push('first');
        },
      ),
    );
    router.use(
      createEventRoutes().text(
        'second',
        () => true,
        async () => {
          handled.push('second');
        },
      ),
    );
    await router.handle(text('anything'));
    expect(handled).toEqual(['first']);
  });

  it('logs a failing handler with the route and the event, and tells the person to try again', async () => {
    const { router, lines, replies } = routerWith();
    router.use(
      createEventRoutes().submit(
        'broken',
        () => true,
        async () => {
          throw new Error('database unavailable');
        },
      ),
    );
    const event = submit({});
    await router.handle(event);
    expect(replies).toEqual([event]);
    const failure = lines.find((line) => line.level === 'error');
    expect(failure?.msg).toBe('event handling failed');
    expect(failure?.obj).toMatchObject({
      route: 'broken',
      kind: 'cardSubmit',
      person: 'ana@partner.example',
      messageId: 'M2',
    });
  });

  it('answers a failing matcher the same way', async () => {
    const { router, lines, replies } = routerWith();
    router.use(
      createEventRoutes().text(
        'unreadable',
        () => {
          throw new Error('cannot read');
        },
        async () => {},
      ),
    );
    await router.handle(text('x'));
    expect(replies).toHaveLength(1);
    expect(lines.find((line) => line.level === 'error')?.obj).toMatchObject({ route: 'matching' });
  });

  it('never throws, even when the answer to a failure fails too', async () => {
    const { logger } = recordingLogger();
    const router = createEventRouter({
      logger,
      replyTryAgain: async () => {
        throw new Error('outbox down');
      },
    });
    router.use(
      createEventRoutes().text(
        'broken',
        () => true,
        async () => {
          throw new Error('database unavailable');
        },
      ),
    );
    await expect(router.handle(text('x'))).resolves.toBeUndefined();
  });

  it('logs an event no route takes, and answers nothing', async () => {
    const { router, lines, replies } = routerWith();
    await router.handle(text('x'));
    expect(replies).toEqual([]);
    expect(lines).toEqual([
      { level: 'warn', obj: { kind: 'text', messageId: 'M1' }, msg: 'no route for event' },
    ]);
  });
});
