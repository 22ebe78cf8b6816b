import { type NewOrder, type Offer, SETUP_WINDOW_DAYS } from './order-input.schema.js';
import { addDays, localDateOf, startOfLocalDay } from './start-date.js';

/**
 * The setup window of an order: from 00:00 of its requested start date to 00:00 of the day 7
 * (A-Flex) or 30 (other offers) days later, in the order's time zone. At that instant the order
 * line closes and an unfinished order expires.
 */

type WindowFacts = Pick<NewOrder, 'requestedStartDate' | 'offer' | 'timeZone'>;

/** The instant an order's setup window closes. */
export function setupDeadline(order: WindowFacts): Date {
  return startOfLocalDay(addDays(order.requestedStartDate, SETUP_WINDOW_DAYS[order.offer]), order.timeZone);
}

/** Why an order cannot be set up any more, in facts a message can name. */
export interface ClosedWindow {
  offer: Offer;
  days: number;
  /** The local date at whose 00:00 the window closed. */
  closedOn: string;
  closedAt: Date;
  timeZone: string;
  /** The earliest start date whose window is still open at `now`. */
  earliestStartDate: string;
}

/** The closed window of an order created at `now`, or undefined while it is open. */
export function closedSetupWindow(order: WindowFacts, now: Date): ClosedWindow | undefined {
  const closedAt = setupDeadline(order);
  if (closedAt.getTime() > now.getTime()) return undefined;
  const days = SETUP_WINDOW_DAYS[order.offer];
  return {
    offer: order.offer,
    days,
    closedOn: addDays(order.requestedStartDate, days),
    closedAt,
    timeZone: order.timeZone,
    // 00:00 of today has passed, so the window must end on a later day: start after today - days.
    earliestStartDate: addDays(localDateOf(now, order.timeZone), 1 - days),
  };
}

/** What `requestedStartDate` is told when its window has closed already. */
export function describeClosedWindow(closed: ClosedWindow): string {
  const offer = closed.offer === 'a-flex' ? 'an A-Flex order' : 'an order other than A-Flex';
  return (
    `is too far in the past: ${offer} can be set up for ${closed.days} days from its start date, ` +
    `so this order's setup window closed at 00:00 on ${closed.closedOn} (${closed.timeZone}); ` +
    `the earliest start date accepted now is ${closed.earliestStartDate}`
  );
}
