import { describe, expect, it } from 'vitest';
import { parseAdminText } from '../../src/admin/admin-command.parser.js';

describe('parseAdminText', () => {
  it.each([
    ['status ORD-1', { kind: 'status', orderId: 'ORD-1' }],
    ['STATUS ord.2_b', { kind: 'status', orderId: 'ord.2_b' }],
    ['  Status   ORD-1  ', { kind: 'status', orderId: 'ORD-1' }],
    ['status: ORD-1', { kind: 'status', orderId: 'ORD-1' }],
    ['/status ORD-1', { kind: 'status', orderId: 'ORD-1' }],
    ['status', { kind: 'status', orderId: null }],
    ['status?', { kind: 'status', orderId: null }],
    ['orders', { kind: 'orders', filter: 'all', page: 1 }],
    ['Orders in_progress', { kind: 'orders', filter: 'in_progress', page: 1 }],
    ['orders in-progress', { kind: 'orders', filter: 'in_progress', page: 1 }],
    ['orders NEEDS_ATTENTION', { kind: 'orders', filter: 'needs_attention', page: 1 }],
    ['orders open page 3', { kind: 'orders', filter: 'open', page: 3 }],
    ['orders page 2', { kind: 'orders', filter: 'all', page: 2 }],
    ['orders 4', { kind: 'orders', filter: 'all', page: 4 }],
    ['orders canceled 2', { kind: 'orders', filter: 'cancelled', page: 2 }],
    ['orders done', { kind: 'orders', filter: 'completed', page: 1 }],
    ['attention', { kind: 'attention', page: 1 }],
    ['attention page 2', { kind: 'attention', page: 2 }],
    ['report', { kind: 'report' }],
    ['funnel', { kind: 'report' }],
    ['remind ORD-9', { kind: 'remind', orderId: 'ORD-9' }],
    ['reassign ORD-9 Ana@Example.com', { kind: 'reassign', orderId: 'ORD-9', email: 'ana@example.com' }],
    [
      'reassign ORD-9 <mailto:ana@example.com|ana@example.com>',
      { kind: 'reassign', orderId: 'ORD-9', email: 'ana@example.com' },
    ],
    [
      'reassign ORD-9 mailto:ana@example.com',
      { kind: 'reassign', orderId: 'ORD-9', email: 'ana@example.com' },
    ],
  ])('reads %j', (text, command) => {
    expect(parseAdminText(text)).toEqual({ kind: 'command', command });
  });

  it.each([
    ['status ORD-1 please', 'status', { code: 'extraWords', value: 'please' }],
    ['status !!!', 'status', { code: 'badOrderId', value: '!!!' }],
    ['orders sideways', 'orders', { code: 'badFilter', value: 'sideways' }],
    ['orders page', 'orders', { code: 'badPage' }],
    ['orders page 0', 'orders', { code: 'badPage' }],
    ['orders page 501', 'orders', { code: 'badPage' }],
    ['orders open page two', 'orders', { code: 'badPage' }],
    ['orders 2 3', 'orders', { code: 'extraWords', value: '3' }],
    ['attention now', 'attention', { code: 'badPage' }],
    ['report everything', 'report', { code: 'extraWords', value: 'everything' }],
    ['remind', 'remind', { code: 'missingOrderId' }],
    ['remind ORD-1 ORD-2', 'remind', { code: 'extraWords', value: 'ORD-2' }],
    ['reassign', 'reassign', { code: 'missingOrderId' }],
    ['reassign ORD-1', 'reassign', { code: 'missingEmail' }],
    ['reassign ORD-1 ana', 'reassign', { code: 'badEmail', value: 'ana' }],
    [
      'reassign ORD-1 ana@example.com bob@example.com',
      'reassign',
      { code: 'extraWords', value: 'bob@example.com' },
    ],
  ])('answers %j with the right form of %s', (text, command, problem) => {
    expect(parseAdminText(text)).toEqual({ kind: 'malformed', command, problem });
  });

  it.each([
    [''],
    ['   '],
    ['help'],
    ['resume'],
    ['restart'],
    ['statuses'],
    ['ordersx'],
    ['hello status ORD-1'],
  ])('leaves %j to the setup commands', (text) => {
    expect(parseAdminText(text)).toEqual({ kind: 'other' });
  });
});
