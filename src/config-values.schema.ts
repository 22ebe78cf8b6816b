import { z } from 'zod';

/** The kinds of value environment variables hold, as `config.ts` validates them. */

/** Text; empty (or only spaces) means not set. */
export const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

/** true/false, 1/0, yes/no. */
export const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/** A whole number from `min` to `max`. */
export const positiveInt = (min: number, max: number) =>
  z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

/** An absolute http(s) URL, without trailing slashes. */
export const httpUrl = z
  .string()
  .trim()
  .url('must be an absolute URL')
  .refine((value) => /^https?:\/\//.test(value), 'must start with http:// or https://')
  .transform((value) => value.replace(/\/+$/, ''));

/** An email address, lower-cased. */
export const email = z.string().trim().toLowerCase().email('must be an email address');

/** Whether the runtime knows this IANA time zone. */
export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether a listen address is reachable from this machine only: `localhost`, 127.0.0.0/8, `::1`
 * (also bracketed, or IPv4-mapped). Anything else (`0.0.0.0`, `::`, a LAN address, a host name)
 * may be reachable from the network.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host
    .trim()
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1');
  if (bare === 'localhost' || bare === '::1' || bare === '0:0:0:0:0:0:0:1') return true;
  const v4 = bare.replace(/^::ffff:/, '');
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4);
}
