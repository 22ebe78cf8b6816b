import type { CardActionData } from '../flows/card-action.schema.js';
import { unlinkMarkdown } from '../flows/name-text.js';
import type { FieldErrorKey } from '../flows/order-setup.errors.js';
import type {
  ActionSet,
  AdaptiveCard,
  CardAction,
  CardElement,
  Column,
  ColumnSet,
  FactSet,
  InputText,
  SubmitAction,
  TextBlock,
} from './adaptive-card.types.js';
import type { Translate } from './i18n/translate.js';

/** Webex refuses message text (and markdown) over 7,439 bytes. */
export const MAX_TEXT_BYTES = 7_439;

/** Wraps a body and actions in a 1.3 card with `$schema`, as Webex expects. */
export function createCard(body: CardElement[], actions: CardAction[] = []): AdaptiveCard {
  const card: AdaptiveCard = {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.3',
    body,
  };
  if (actions.length > 0) card.actions = actions;
  return card;
}

/*
 * Every text a card shows goes through `unlinkMarkdown`: the catalogs hold no link, so any link
 * markup there came in with a value from outside (a name stored before links were refused).
 */

export function heading(text: string): TextBlock {
  return { type: 'TextBlock', text: unlinkMarkdown(text), size: 'medium', weight: 'bolder', wrap: true };
}

export function paragraph(text: string, options: Partial<TextBlock> = {}): TextBlock {
  return { type: 'TextBlock', text: unlinkMarkdown(text), wrap: true, ...options };
}

export function note(text: string): TextBlock {
  return paragraph(text, { isSubtle: true, size: 'small' });
}

export function factSet(facts: Array<[title: string, value: string]>): FactSet {
  // Values come from outside (names, addresses): they never bring a link of their own.
  return { type: 'FactSet', facts: facts.map(([title, value]) => ({ title, value: unlinkMarkdown(value) })) };
}

/** The error under an input: attention colour, no gap, so it reads as belonging to the field. */
export function fieldError(t: Translate, key: FieldErrorKey | undefined): TextBlock[] {
  return key === undefined ? [] : [paragraph(t(key), { color: 'attention', size: 'small', spacing: 'none' })];
}

/** A lenient client-side email pattern; the server validates for real. */
export const EMAIL_REGEX = '^\\s*[^@\\s]+@[^@\\s]+\\.[^@\\s]+\\s*$';

/**
 * An email field. It carries no client-side `isRequired` or `regex`: Adaptive Cards validate every
 * input of a card before any button that sends them, so either would stop Save and exit from
 * keeping a half-typed card as a draft. The bot checks the value when the step is submitted and
 * shows the error under the field.
 */
export function emailInput(id: string, label: string, value: string | undefined): InputText {
  const input: InputText = { type: 'Input.Text', id, label, style: 'email', maxLength: 254 };
  if (value !== undefined) input.value = value;
  return input;
}

export function submit(
  title: string,
  data: CardActionData,
  options: { style?: SubmitAction['style']; skipInputs?: boolean } = {},
): SubmitAction {
  const action: SubmitAction = { type: 'Action.Submit', title, data };
  if (options.style !== undefined) action.style = options.style;
  if (options.skipInputs === true) action.associatedInputs = 'none';
  return action;
}

/**
 * One button per row. Webex lays the buttons of a set out in a single row and cuts what does not
 * fit, so choices with long labels get a row each and read in full at phone width (360 px).
 */
export function actionRows(actions: SubmitAction[]): ActionSet[] {
  return actions.map((action) => ({ type: 'ActionSet', actions: [action] }));
}

const NAVIGATION_ACTIONS: ReadonlySet<CardActionData['action']> = new Set(['back', 'restart', 'saveAndExit']);

/**
 * Buttons in rows of at most `perRow`: the navigation's three short labels do not fit in one
 * row at 360 px in every language ("Natrag", "Počni ispočetka", "Spremi i izađi"), two do.
 */
export function chunkActions(actions: SubmitAction[], perRow: number): SubmitAction[][] {
  const rows: SubmitAction[][] = [];
  for (let i = 0; i < actions.length; i += perRow) rows.push(actions.slice(i, i + perRow));
  return rows;
}

/** Back, Start over and Save and exit: short labels that share the card's last rows. */
export function isNavigationAction(action: SubmitAction): boolean {
  return NAVIGATION_ACTIONS.has(action.data.action);
}

/**
 * The progress bar: one column per step, a green check when done, the current step's number in
 * accent and bold, the steps to come in grey. The columns carry no container style: a styled
 * container gets the host's padding on both sides, which left seven columns 4 px for their
 * number at phone width, so the numbers were cut.
 */
export function progressBar(n: number, total: number): ColumnSet {
  const columns = Array.from({ length: total }, (_, i): Column => {
    const step = i + 1;
    const label: TextBlock = {
      type: 'TextBlock',
      text: step < n ? '✓' : String(step),
      size: 'small',
      horizontalAlignment: 'center',
      weight: step === n ? 'bolder' : 'default',
      color: step < n ? 'good' : step === n ? 'accent' : 'default',
      isSubtle: step > n,
    };
    return { type: 'Column', width: 'stretch', spacing: 'none', items: [label] };
  });
  return { type: 'ColumnSet', columns, spacing: 'small' };
}

/** The same progress in text, for the fallback: ■■■□□□□. */
export function progressText(n: number, total: number): string {
  return '■'.repeat(Math.min(n, total)) + '□'.repeat(Math.max(total - n, 0));
}

/**
 * Joins fallback lines (markdown links made plain) and keeps the result within Webex's text limit.
 * Without `more`, a text too long is cut on a character and ends with `…`; with it, whole lines
 * are kept while they fit, and the text ends with `more` (a hint where the rest is), so nobody
 * reads a cut line as complete.
 */
export function toFallbackText(lines: Array<string | null | undefined>, more?: string): string {
  const kept = lines
    .filter((line): line is string => line !== null && line !== undefined && line !== '')
    .map(unlinkMarkdown);
  const text = kept.join('\n');
  if (byteLength(text) <= MAX_TEXT_BYTES) return text;
  if (more !== undefined) {
    const out: string[] = [];
    let bytes = byteLength(`…\n${more}`);
    for (const line of kept) {
      const size = byteLength(line) + 1;
      if (bytes + size > MAX_TEXT_BYTES) break;
      out.push(line);
      bytes += size;
    }
    if (out.length > 0) return [...out, '…', more].join('\n');
  }
  return cutToBytes(text, MAX_TEXT_BYTES);
}

/** The text within `max` UTF-8 bytes, cut on a character (never inside a surrogate pair), ending with `…` when cut. */
export function cutToBytes(text: string, max: number): string {
  if (byteLength(text) <= max) return text;
  let low = 0;
  let high = text.length;
  // The longest prefix that fits with the ellipsis (3 bytes), by bisection.
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (byteLength(text.slice(0, mid)) + 3 <= max) low = mid;
    else high = mid - 1;
  }
  const last = text.charCodeAt(low - 1);
  const end = last >= 0xd800 && last <= 0xdbff ? low - 1 : low;
  return `${text.slice(0, end)}…`;
}

const encoder = new TextEncoder();

/** UTF-8 size, which is what Webex counts. */
export function byteLength(text: string): number {
  return encoder.encode(text).length;
}
