import { unlinkMarkdown } from '../../flows/name-text.js';
import type { FieldErrorKey } from '../../flows/order-setup.errors.js';
import type { AttentionReason, Locale } from '../../flows/order-setup.schemas.js';
import type { StepId } from '../../flows/steps/index.js';
import { en, type MessageKey } from './en.js';
import { hr } from './hr.js';

export type { Locale, MessageKey };

/** Both catalogs; `hr` is typed `Record<MessageKey, string>`, so a missing key does not compile. */
export const CATALOGS: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { en, hr };

// The flow names errors, steps and reasons by key; make a missing message a compile error here.
type Covers<K extends string> = [K] extends [MessageKey] ? true : never;
const _coversErrors: Covers<FieldErrorKey> = true;
const _coversSteps: Covers<`step.${StepId}`> = true;
const _coversReasons: Covers<`attention.${AttentionReason}`> = true;
export const CATALOG_COVERAGE = [_coversErrors, _coversSteps, _coversReasons] as const;

export type Params = Readonly<Record<string, string | number>>;

/**
 * Replaces `{name}` placeholders; a placeholder without a value stays visible rather than vanish.
 * A value that ends a sentence itself ("Contoso d.o.o.") takes the place of the template's period.
 */
export function interpolate(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string, offset: number) => {
    const value = params[name];
    if (value === undefined) return whole;
    // A value never brings a link of its own: the template's links are the only ones.
    const text = unlinkMarkdown(String(value));
    const periodFollows = template[offset + whole.length] === '.';
    return periodFollows && text.endsWith('.') ? text.slice(0, -1) : text;
  });
}

/** The message `key` in `locale`, with placeholders filled. */
export function translate(locale: Locale, key: MessageKey, params?: Params): string {
  return interpolate(CATALOGS[locale][key], params);
}

/** A translator bound to one locale, as card builders use it. */
export type Translate = (key: MessageKey, params?: Params) => string;

export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

const DATE_LOCALES: Record<Locale, string> = { en: 'en-GB', hr: 'hr-HR' };

/**
 * A date as people in `locale` write it ("24 November 2026", "24. studenoga 2026."). A date-only
 * string (YYYY-MM-DD) is a calendar day and is shown as that day in every time zone.
 */
export function formatDate(value: Date | string, locale: Locale, timeZone = 'UTC'): string {
  const dateOnly = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = typeof value === 'string' ? new Date(dateOnly ? `${value}T00:00:00Z` : value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return dateFormat(DATE_LOCALES[locale], dateOnly ? 'UTC' : timeZone).format(date);
}

/** Formatters by locale and time zone: building one costs more than formatting a card's dates. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormat(locale: string, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}\u0000${timeZone}`;
  let format = dateFormats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone });
    // Time zones come from orders (a few dozen in practice); the bound keeps a flood of them small.
    if (dateFormats.size >= 500) dateFormats.clear();
    dateFormats.set(key, format);
  }
  return format;
}
