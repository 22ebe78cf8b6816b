import { unlinkMarkdown } from '../../flows/name-text.js';
import type { Locale } from '../../flows/order-setup.schemas.js';
import type { OrderStatus } from '../../flows/order-view.types.js';
import type {
  CardElement,
  Column,
  ColumnSet,
  ContainerStyle,
  TextBlock,
  TextColor,
} from '../adaptive-card.types.js';
import { createCard, heading, note, toFallbackText } from '../card-kit.js';
import { interpolate, type Params } from '../i18n/translate.js';
import { type AdminMessageKey, adminEn } from './admin.i18n.en.js';
import { adminHr } from './admin.i18n.hr.js';
import type { AdminActionData } from './admin-action.schema.js';
import type { AdminCard, AdminCardMessage, AdminSubmitAction } from './admin-card.types.js';

export type { Locale };

/** Both administrators' catalogs. */
export const ADMIN_CATALOGS: Readonly<Record<Locale, Readonly<Record<AdminMessageKey, string>>>> = {
  en: adminEn,
  hr: adminHr,
};

export type AdminTranslate = (key: AdminMessageKey, params?: Params) => string;

export function adminTranslator(locale: Locale): AdminTranslate {
  return (key, params) => interpolate(ADMIN_CATALOGS[locale][key], params);
}

/** At most this many buttons: Webex shows about five well. */
export const MAX_ACTIONS = 5;

/** A 1.3 card with the administrators' title line, using the setup cards' kit. */
export function createAdminCard(
  t: AdminTranslate,
  title: string,
  body: CardElement[],
  actions: AdminSubmitAction[] = [],
): AdminCard {
  // The setup cards' builder, without its (setup-typed) actions: these cards carry their own.
  const { actions: _none, ...base } = createCard([note(t('admin.app')), heading(title), ...body]);
  const card: AdminCard = base;
  if (actions.length > 0) card.actions = actions.slice(0, MAX_ACTIONS);
  return card;
}

/** The card and its text fallback; the fallback says to open the card when it has buttons. */
export function toAdminMessage(
  t: AdminTranslate,
  card: AdminCard,
  lines: Array<string | null>,
): AdminCardMessage {
  const withButtons = (card.actions?.length ?? 0) > 0;
  return { card, text: toFallbackText([...lines, withButtons ? t('admin.cardFallback') : null]) };
}

export function adminSubmit(
  title: string,
  data: AdminActionData,
  options: { style?: AdminSubmitAction['style']; skipInputs?: boolean } = {},
): AdminSubmitAction {
  const action: AdminSubmitAction = { type: 'Action.Submit', title, data };
  if (options.style !== undefined) action.style = options.style;
  if (options.skipInputs === true) action.associatedInputs = 'none';
  return action;
}

const NBSP = '\u00a0';

function barColumn(weight: number, style: ContainerStyle | undefined): Column {
  const column: Column = {
    type: 'Column',
    width: String(weight),
    spacing: 'none',
    items: [{ type: 'TextBlock', text: NBSP, size: 'small' }],
  };
  if (style !== undefined) column.style = style;
  return column;
}

/**
 * One bar of a chart: a label, a bar whose filled part is `value / max` of its width, and the
 * value's text. Column weights draw the bar, so it renders in every 1.3 client, no images needed.
 */
export function barRow(
  label: string,
  value: number,
  max: number,
  valueText: string,
  style: ContainerStyle = 'accent',
): ColumnSet {
  const filled = Math.max(0, Math.min(value, max));
  const bar: Column[] = [];
  if (filled > 0) bar.push(barColumn(filled, style));
  if (max - filled > 0 || bar.length === 0) bar.push(barColumn(Math.max(max - filled, 1), 'emphasis'));
  const cell = (text: string, weight: 'bolder' | 'default' = 'default'): TextBlock => ({
    type: 'TextBlock',
    text: unlinkMarkdown(text),
    size: 'small',
    wrap: true,
    weight,
  });
  return {
    type: 'ColumnSet',
    spacing: 'small',
    columns: [
      { type: 'Column', width: '32', verticalContentAlignment: 'center', items: [cell(label)] },
      {
        type: 'Column',
        width: '48',
        verticalContentAlignment: 'center',
        items: [{ type: 'ColumnSet', spacing: 'none', columns: bar }],
      },
      {
        type: 'Column',
        width: '20',
        verticalContentAlignment: 'center',
        items: [cell(valueText, 'bolder')],
      },
    ],
  };
}

/** The same bar in text, for the fallback: ████████░░░░ (12 cells). */
export function barText(value: number, max: number, cells = 12): string {
  const filled = max <= 0 ? 0 : Math.round((Math.max(0, Math.min(value, max)) / max) * cells);
  return '█'.repeat(filled) + '░'.repeat(cells - filled);
}

const STATUS_COLORS: Record<OrderStatus, TextColor> = {
  scheduled: 'default',
  invited: 'accent',
  in_progress: 'accent',
  needs_attention: 'attention',
  completed: 'good',
  expired: 'warning',
  cancelled: 'warning',
};

export function statusColor(status: OrderStatus): TextColor {
  return STATUS_COLORS[status];
}

export function statusLabel(t: AdminTranslate, status: OrderStatus): string {
  return t(`orderStatus.${status}`);
}

const DATE_LOCALES: Record<Locale, string> = { en: 'en-GB', hr: 'hr-HR' };

/** A moment with date and time in a time zone, and the zone's name ("3 Mar 2026, 09:15 Europe/Zagreb"). */
export function formatDateTime(iso: string, locale: Locale, timeZone: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const text = new Intl.DateTimeFormat(DATE_LOCALES[locale], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(date);
  return `${text} ${timeZone}`;
}

/** A calendar day written `YYYY-MM-DD`, as people of `locale` write it. */
export function formatDay(day: string, locale: Locale): string {
  const date = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(DATE_LOCALES[locale], { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

const UNITS: Array<[ms: number, en: string, hr: string]> = [
  [86_400_000, 'd', 'd'],
  [3_600_000, 'h', 'h'],
  [60_000, 'min', 'min'],
];

/** A duration in its two largest units ("2 d 5 h", "45 min"); under a minute is "< 1 min". */
export function formatDuration(ms: number, locale: Locale): string {
  let rest = Math.abs(ms);
  const parts: string[] = [];
  for (const [size, en, hr] of UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0 || parts.length > 0) {
      if (count > 0) parts.push(`${count} ${locale === 'hr' ? hr : en}`);
      rest -= count * size;
    }
    if (parts.length === 2) break;
  }
  return parts.length === 0 ? '< 1 min' : parts.join(' ');
}

/** "3 h ago" or "in 2 d", from `now`. */
export function formatRelative(t: AdminTranslate, iso: string, now: Date, locale: Locale): string {
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return iso;
  const delta = at - now.getTime();
  const duration = formatDuration(delta, locale);
  return delta > 0 ? t('admin.in', { duration }) : t('admin.ago', { duration });
}
