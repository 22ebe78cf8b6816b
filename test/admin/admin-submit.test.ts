import { describe, expect, it } from 'vitest';
import { isAdminActionInputs } from '../../cards/admin/admin-action.schema.js';
import { parseAdminSubmit } from '../../src/admin/admin-submit.js';

const AT = '2026-03-02T08:00:00.000Z';

describe('parseAdminSubmit', () => {
  it.each([
    [{ admin: 'status', orderId: 'ORD-1' }, { command: { kind: 'status', orderId: 'ORD-1' } }],
    [
      { admin: 'remind', orderId: 'ORD-1', reassignEmail: '' },
      { command: { kind: 'remind', orderId: 'ORD-1' } },
    ],
    [{ admin: 'report' }, { command: { kind: 'report' } }],
    [
      { admin: 'orders', filter: 'open', page: 2, afterAt: AT, afterId: 'ORD-9' },
      { command: { kind: 'orders', filter: 'open', page: 2 }, cursor: { afterAt: AT, afterId: 'ORD-9' } },
    ],
    // Some clients send every data value back as a string.
    [
      { admin: 'attention', page: '3', afterAt: AT, afterId: 'ORD-9' },
      { command: { kind: 'attention', page: 3 }, cursor: { afterAt: AT, afterId: 'ORD-9' } },
    ],
    [{ admin: 'attention', page: 1 }, { command: { kind: 'attention', page: 1 } }],
    [
      { admin: 'orders', filter: 'all', page: 2, afterId: 'ORD-9' },
      { command: { kind: 'orders', filter: 'all', page: 2 } },
    ],
    [
      { admin: 'reassign', orderId: 'ORD-1', reassignEmail: ' Bob@Example.com ' },
      { command: { kind: 'reassign', orderId: 'ORD-1', email: 'bob@example.com' } },
    ],
  ])('reads %j', (inputs, expected) => {
    expect(parseAdminSubmit(inputs)).toEqual({ kind: 'command', ...expected });
  });

  it.each([
    [{ admin: 'reassign', orderId: 'ORD-1' }, 'reassign', { code: 'missingEmail' }],
    [{ admin: 'reassign', orderId: 'ORD-1', reassignEmail: '  ' }, 'reassign', { code: 'missingEmail' }],
    [
      { admin: 'reassign', orderId: 'ORD-1', reassignEmail: 'bob' },
      'reassign',
      { code: 'badEmail', value: 'bob' },
    ],
    [
      { admin: 'reassign', orderId: 'ORD 1', reassignEmail: 'bob@example.com' },
      'reassign',
      { code: 'badOrderId', value: 'ORD 1' },
    ],
    [{ admin: 'delete', orderId: 'ORD-1' }, 'status', { code: 'unreadableCard' }],
    [{ admin: 'orders', filter: 'everything', page: 1 }, 'status', { code: 'unreadableCard' }],
    [{ admin: 'orders', filter: 'all', page: 0 }, 'status', { code: 'unreadableCard' }],
    [
      { admin: 'orders', filter: 'all', page: 2, afterAt: 'yesterday', afterId: 'x' },
      'status',
      { code: 'unreadableCard' },
    ],
    [{ admin: 'status' }, 'status', { code: 'unreadableCard' }],
  ])('refuses %j with the right form of %s', (inputs, command, problem) => {
    expect(parseAdminSubmit(inputs)).toEqual({ kind: 'malformed', command, problem });
  });

  it.each([
    [{ admin: 'report' }, true],
    [{ admin: undefined }, true],
    [{ orderId: 'ORD-1', step: 'role', rev: 0, action: 'next' }, false],
    [{}, false],
  ])('marks %j as an administrators submit: %s', (inputs, expected) => {
    expect(isAdminActionInputs(inputs)).toBe(expected);
  });
});
