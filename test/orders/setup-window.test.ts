import { describe, expect, it } from 'vitest';
import { closedSetupWindow, describeClosedWindow, setupDeadline } from '../../src/orders/setup-window.js';

const ZAGREB = 'Europe/Zagreb';

describe('setup window', () => {
  it('closes at 00:00 local, 7 days after the start date for A-Flex and 30 otherwise', () => {
    expect(setupDeadline({ requestedStartDate: '2025-07-01', offer: 'a-flex', timeZone: ZAGREB })).toEqual(
      new Date('2025-07-07T22:00:00Z'),
    );
    expect(setupDeadline({ requestedStartDate: '2025-07-01', offer: 'other', timeZone: 'UTC' })).toEqual(
      new Date('2025-07-31T00:00:00Z'),
    );
  });

  it('is open until the instant it closes, in the order time zone', () => {
    const order = { requestedStartDate: '2025-07-01', offer: 'a-flex' as const, timeZone: ZAGREB };
    expect(closedSetupWindow(order, new Date('2025-07-07T21:59:59Z'))).toBeUndefined();
    const closed = closedSetupWindow(order, new Date('2025-07-07T22:00:00Z'));
    expect(closed).toMatchObject({ days: 7, closedOn: '2025-07-08', timeZone: ZAGREB });
    // Already 2025-07-08 in Zagreb, still 2025-07-07 in UTC.
    expect(
      closedSetupWindow({ ...order, timeZone: 'UTC' }, new Date('2025-07-07T22:00:00Z')),
    ).toBeUndefined();
  });

  it('names the closing date and the earliest start date accepted now', () => {
    const now = new Date('2025-08-20T10:00:00Z');
    const closed = closedSetupWindow(
      { requestedStartDate: '2025-07-01', offer: 'other', timeZone: ZAGREB },
      now,
    );
    expect(closed?.earliestStartDate).toBe('2025-07-22');
    // The earliest date really is open, and the day before it really is closed.
    expect(
      closedSetupWindow({ requestedStartDate: '2025-07-22', offer: 'other', timeZone: ZAGREB }, now),
    ).toBe(undefined);
    expect(
      closedSetupWindow({ requestedStartDate: '2025-07-21', offer: 'other', timeZone: ZAGREB }, now),
    ).toBeDefined();
    expect(closed === undefined ? '' : describeClosedWindow(closed)).toBe(
      'is too far in the past: an order other than A-Flex can be set up for 30 days from its start date, ' +
        "so this order's setup window closed at 00:00 on 2025-07-31 (Europe/Zagreb); " +
        'the earliest start date accepted now is 2025-07-22',
    );
  });
});
