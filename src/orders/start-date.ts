/**
 * Calendar dates in an order's time zone, turned into UTC instants with `Intl` (no time-zone
 * library needed, and DST rules come from the ICU data Node ships).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall-clock time at `instant` in `timeZone`, expressed as if it were UTC milliseconds. */
function wallClockMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const field = (name: string) => parts[name] ?? 0;
  return Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
}

const DAY_MS = 86_400_000;

function dayNumber(date: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1) / DAY_MS;
}

/** `2025-03-30` plus `days` → `YYYY-MM-DD`. */
export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date) + days) * DAY_MS).toISOString().slice(0, 10);
}

/** The local calendar date (`YYYY-MM-DD`) of an instant in a time zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  return new Date(wallClockMs(instant.getTime(), timeZone)).toISOString().slice(0, 10);
}

/**
 * The first instant of `date` in `timeZone`: 00:00 local, or the end of the DST gap on the rare
 * days whose midnight does not exist (America/Santiago springs forward from 24:00 to 01:00).
 */
export function startOfLocalDay(date: string, timeZone: string): Date {
  // Orders share a few start dates and zones; each computation formats the clock four times or more.
  const key = `${date} ${timeZone}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    if (dayStarts.size >= DAY_STARTS_KEPT) dayStarts.clear();
    start = computeStartOfLocalDay(date, timeZone);
    dayStarts.set(key, start);
  }
  return new Date(start);
}

const DAY_STARTS_KEPT = 4_096;
const dayStarts = new Map<string, number>();

function computeStartOfLocalDay(date: string, timeZone: string): number {
  const midnightWall = dayNumber(date) * DAY_MS;
  // Two passes of "wall minus offset" settle on the right offset unless a transition is in the way.
  let guess = midnightWall - (wallClockMs(midnightWall, timeZone) - midnightWall);
  guess = midnightWall - (wallClockMs(guess, timeZone) - guess);
  const previousSecondWall = wallClockMs(guess - 1000, timeZone);
  if (wallClockMs(guess, timeZone) === midnightWall && previousSecondWall < midnightWall) return guess;
  // Otherwise search for the first second whose local date is `date`. Offsets lie within
  // -12 h..+14 h, so the day starts somewhere in this window.
  let low = Math.floor((midnightWall - 16 * 3_600_000) / 1000);
  let high = Math.floor((midnightWall + 16 * 3_600_000) / 1000);
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (wallClockMs(mid * 1000, timeZone) >= midnightWall) high = mid;
    else low = mid;
  }
  return high * 1000;
}
