import { describe, expect, it } from 'vitest';
import { createAdminDirectory, mayPartnerSee } from '../../src/admin/admin-access.js';
import { adminReplyTargets } from '../../src/admin/admin-replies.js';
import { createSilentLogger } from '../../src/log/logger.js';
import type { IncomingEvent } from '../../src/webex/gateway.js';
import { orderAtStep, orderView } from './support/order-fixtures.js';

const ROOM = 'admin-room';

function setUp(members: () => Promise<string[]>, withRoom = true) {
  let now = Date.parse('2026-03-02T08:00:00Z');
  let reads = 0;
  const directory = createAdminDirectory({
    adminEmails: ['Ops@Example.com'],
    adminRoomId: withRoom ? ROOM : undefined,
    listRoomMemberEmails: async (roomId) => {
      expect(roomId).toBe(ROOM);
      reads += 1;
      return members();
    },
    now: () => new Date(now),
    logger: createSilentLogger(),
  });
  return {
    directory,
    reads: () => reads,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('administrators', () => {
  it('are the configured emails, in any case, without asking Webex', async () => {
    const { directory, reads } = setUp(async () => []);
    expect(await directory.isAdmin('ops@example.com')).toBe(true);
    expect(await directory.isAdmin('OPS@EXAMPLE.COM')).toBe(true);
    expect(reads()).toBe(0);
  });

  it('include the members of the administrators space, read at most once a minute', async () => {
    let members = ['Lead@Example.com'];
    const { directory, reads, advance } = setUp(async () => members);
    const answers = await Promise.all([
      directory.isAdmin('lead@example.com'),
      directory.isAdmin('lead@example.com'),
      directory.isAdmin('stranger@example.com'),
    ]);
    expect(answers).toEqual([true, true, false]);
    expect(reads()).toBe(1);
    members = ['new@example.com'];
    advance(59_000);
    expect(await directory.isAdmin('new@example.com')).toBe(false);
    advance(2_000);
    expect(await directory.isAdmin('new@example.com')).toBe(true);
    expect(await directory.isAdmin('lead@example.com')).toBe(false);
    expect(reads()).toBe(2);
  });

  it('count whoever asks inside the administrators space as a member', async () => {
    const { directory, reads } = setUp(async () => []);
    expect(await directory.isAdmin('someone@example.com', ROOM)).toBe(true);
    expect(reads()).toBe(0);
  });

  it('keep the last member list when Webex cannot be reached, and only the configured ones before any', async () => {
    let fail = true;
    const { directory, advance } = setUp(async () => {
      if (fail) throw new Error('503');
      return ['lead@example.com'];
    });
    expect(await directory.isAdmin('lead@example.com')).toBe(false);
    expect(await directory.isAdmin('ops@example.com')).toBe(true);
    fail = false;
    advance(1);
    expect(await directory.isAdmin('lead@example.com')).toBe(true);
    fail = true;
    advance(120_000);
    expect(await directory.isAdmin('lead@example.com')).toBe(true);
  });

  it('are only the configured emails without an administrators space', async () => {
    const { directory, reads } = setUp(async () => ['lead@example.com'], false);
    expect(await directory.isAdmin('lead@example.com', 'any-room')).toBe(false);
    expect(reads()).toBe(0);
  });
});

describe('mayPartnerSee', () => {
  const order = orderAtStep('ORD-1', 'role', 1);
  it.each([
    ['the provisioning contact', 'Contact@Partner.example', undefined, true],
    ['the setup owner on the order', 'contact@partner.example', 'colleague@partner.example', true],
    ['the setup owner of the stored setup', 'colleague@partner.example', 'colleague@partner.example', true],
    ['anyone else', 'other@partner.example', 'colleague@partner.example', false],
  ])('lets %s see the order: %s', (_who, email, setupOwner, expected) => {
    expect(mayPartnerSee(order, setupOwner, email)).toBe(expected);
  });

  it('does not let a previous owner see an order whose contact is someone else', () => {
    const moved = orderView({ provisioningContactEmail: 'new@partner.example' });
    expect(mayPartnerSee(moved, 'new@partner.example', 'contact@partner.example')).toBe(false);
  });
});

describe('adminReplyTargets', () => {
  const text = (roomId: string, roomType: 'direct' | 'group'): IncomingEvent => ({
    kind: 'text',
    messageId: 'm',
    roomId,
    roomType,
    personId: 'p',
    personEmail: 'ops@example.com',
    text: 'orders',
  });
  const submit = (roomId: string): IncomingEvent => ({
    kind: 'cardSubmit',
    actionId: 'a',
    messageId: 'm',
    roomId,
    personId: 'p',
    personEmail: 'ops@example.com',
    inputs: {},
  });
  it.each([
    ['a 1:1 message', text('dm', 'direct'), { answer: { toPersonEmail: 'ops@example.com' } }],
    ['an @mention in the administrators space', text(ROOM, 'group'), { answer: { roomId: ROOM } }],
    ['a button in the administrators space', submit(ROOM), { answer: { roomId: ROOM } }],
    [
      'an @mention in another space (answered privately)',
      text('team', 'group'),
      { answer: { toPersonEmail: 'ops@example.com' }, note: { roomId: 'team' } },
    ],
    ['a button elsewhere', submit('dm'), { answer: { toPersonEmail: 'ops@example.com' } }],
  ])('answers %s', (_what, event, expected) => {
    expect(adminReplyTargets(event, ROOM)).toEqual(expected);
  });
});
