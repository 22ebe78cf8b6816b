import { describe, expect, it } from 'vitest';
import { createAdminDirectory } from '../../src/admin/admin-access.js';
import { createAdminCommands } from '../../src/admin/admin-commands.js';
import { type BotRoutesParts, createBotRoutes, type SetupHandlers } from '../../src/bot/bot.routes.js';
import { createEventRouter } from '../../src/bot/event.router.js';
import { createSilentLogger } from '../../src/log/logger.js';
import { createLocalQueue } from '../../src/outbox/local-queue.js';
import type { Outbox } from '../../src/outbox/outbox.js';
import type { IncomingCardSubmit, IncomingEvent, IncomingText } from '../../src/webex/gateway.js';

const ADMIN = 'ops@example.com';
const PARTNER = 'ana@partner.example';

const text = (words: string, person = PARTNER, roomType: 'direct' | 'group' = 'direct'): IncomingText => ({
  kind: 'text',
  messageId: `M-${words}`,
  roomId: roomType === 'group' ? 'GROUP' : `dm-${person}`,
  roomType,
  personId: `id-${person}`,
  personEmail: person,
  text: words,
});

const submit = (inputs: Record<string, unknown>, person = PARTNER): IncomingCardSubmit => ({
  kind: 'cardSubmit',
  actionId: 'A1',
  messageId: 'M1',
  roomId: `dm-${person}`,
  personId: `id-${person}`,
  personEmail: person,
  inputs,
});

/** Every handler records its name (and what it was given) instead of answering. */
function recordingParts() {
  const calls: string[] = [];
  const record = (name: string) => async () => {
    calls.push(name);
  };
  const setup: SetupHandlers = {
    handleSubmit: record('setup card'),
    replyHelp: async (_event, showAdminCommands) => {
      calls.push(`help${showAdminCommands ? ' with admin commands' : ''}`);
    },
    replyNotUnderstoodInGroup: record('group not understood'),
    resume: record('resume'),
    confirmRestart: record('restart'),
    showStatus: record('status'),
    answerOtherText: record('other text'),
  };
  const parts: BotRoutesParts = {
    admin: {
      handleText: async (_event, parsed) => {
        calls.push(
          `admin ${parsed.kind} ${parsed.kind === 'command' ? parsed.command.kind : parsed.command}`,
        );
      },
      handleButton: record('admin button'),
    },
    setup,
    access: { isAdmin: async (email) => email === ADMIN },
  };
  const routes = createBotRoutes(parts);
  const route = async (event: IncomingEvent) => {
    const matched = routes.find(event);
    if (matched === undefined) throw new Error('no route matched');
    await matched.run();
    const last = calls.pop();
    calls.length = 0;
    return last;
  };
  return { route };
}

describe('the bot routes', () => {
  it.each([
    ['status ORD-1', 'admin command status'],
    ['orders', 'admin command orders'],
    ['/report', 'admin command report'],
    ['funnel', 'admin command report'],
    ['reassign ORD-1 not-an-email', 'admin malformed reassign'],
    ['status', 'admin command status'],
    ['help', 'help'],
    ['?', 'help'],
    ['', 'help'],
    ['resume', 'resume'],
    ['  Continue ', 'resume'],
    ['start   over', 'restart'],
    ['stanje', 'status'],
    ['hello', 'other text'],
  ])('send %j to %s', async (words, handler) => {
    const { route } = recordingParts();
    expect(await route(text(words))).toBe(handler);
  });

  it('take administrators commands first in group spaces too, and nothing else of the setup there', async () => {
    const { route } = recordingParts();
    expect(await route(text('orders', PARTNER, 'group'))).toBe('admin command orders');
    expect(await route(text('help', PARTNER, 'group'))).toBe('help');
    expect(await route(text('resume', PARTNER, 'group'))).toBe('group not understood');
    expect(await route(text('hello', PARTNER, 'group'))).toBe('group not understood');
  });

  it('show the administrators part of help to administrators only', async () => {
    const { route } = recordingParts();
    expect(await route(text('help', ADMIN))).toBe('help with admin commands');
    expect(await route(text('help', PARTNER))).toBe('help');
  });

  it('send buttons of administrators cards to the administrators, every other card to the setup', async () => {
    const { route } = recordingParts();
    expect(await route(submit({ admin: 'orders', filter: 'all', page: 1 }))).toBe('admin button');
    // Even a forged or broken one: the administrators' handler answers it as unreadable.
    expect(await route(submit({ admin: 42 }))).toBe('admin button');
    expect(await route(submit({ action: 'next', orderId: 'ORD-1', step: 'role', rev: 0 }))).toBe(
      'setup card',
    );
    expect(await route(submit({}))).toBe('setup card');
  });
});

describe('an administrators command typed by someone else', () => {
  it('is refused by the administrators, politely, and never reaches the setup', async () => {
    const sent: Array<{ key: string; target: unknown; text: string }> = [];
    const outbox: Outbox = {
      sendMessage: async (key, target, message) => {
        sent.push({ key, target, text: message.text });
        return true;
      },
      sendMessages: async (messages) => {
        for (const { key, target, message } of messages) sent.push({ key, target, text: message.text });
        return messages.length;
      },
      recordSent: async () => true,
      has: async () => false,
      postWebhook: async () => true,
      local: createLocalQueue(),
    };
    const refuse = async () => {
      throw new Error('a refused command reads no order');
    };
    const logger = createSilentLogger();
    const now = () => new Date();
    const access = createAdminDirectory({
      adminEmails: [ADMIN],
      adminRoomId: undefined,
      listRoomMemberEmails: async () => [],
      now,
      logger,
    });
    const admin = createAdminCommands({
      orders: {
        getOrder: refuse,
        listOrders: refuse,
        countByStatus: refuse,
        changeContact: refuse,
        cancelOrder: refuse,
        resolveAttention: refuse,
      },
      setups: { load: refuse, listByOwner: refuse },
      claims: { request: refuse, get: refuse, listPending: refuse, decide: refuse },
      outbox,
      access,
      adminRoomId: undefined,
      reassign: refuse,
      resolve: refuse,
      remind: refuse,
      now,
      logger,
    });
    const setupCalls: string[] = [];
    const notSetup = async () => {
      setupCalls.push('setup');
    };
    const router = createEventRouter({ logger, replyTryAgain: notSetup });
    router.use(
      createBotRoutes({
        admin,
        access,
        setup: {
          handleSubmit: notSetup,
          replyHelp: notSetup,
          replyNotUnderstoodInGroup: notSetup,
          resume: notSetup,
          confirmRestart: notSetup,
          showStatus: notSetup,
          answerOtherText: notSetup,
        },
      }),
    );
    await router.handle(text('orders'));
    expect(setupCalls).toEqual([]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.key).toBe('reply:text:M-orders:admin-not-admin');
    expect(sent[0]?.target).toEqual({ toPersonEmail: PARTNER });
    expect(sent[0]?.text).toMatch(/^Only administrators\nOnly administrators can /);
  });
});
