import { z } from 'zod';
import { ORDER_FILTERS, type OrderFilter } from '../../cards/admin/admin-action.schema.js';
import {
  ADMIN_COMMANDS,
  type AdminCommandName,
  MAX_PAGE,
  type UsageProblem,
} from '../../cards/admin/admin-notice.card.js';
import { CLAIM_ID_PATTERN } from '../directory/claims.js';
import { ORDER_ID_PATTERN } from '../orders/order-input.schema.js';

/** A command typed to the bot, understood. `status` without an id asks about one's own setup. */
export type AdminCommand =
  | { kind: 'status'; orderId: string | null }
  | { kind: 'orders'; filter: OrderFilter; page: number }
  | { kind: 'attention'; page: number }
  | { kind: 'report' }
  | { kind: 'remind'; orderId: string }
  | { kind: 'reassign'; orderId: string; email: string }
  | { kind: 'resolve'; orderId: string }
  | { kind: 'cancel'; orderId: string; reason: string }
  /** The domains and addresses setups named, waiting for an operator. */
  | { kind: 'claims' }
  | { kind: 'approve' | 'refuse'; claimId: string };

export type ParsedAdminText =
  | { kind: 'command'; command: AdminCommand }
  | { kind: 'malformed'; command: AdminCommandName; problem: UsageProblem }
  /** Not one of these commands: the setup's own commands get the text. */
  | { kind: 'other' };

/** Text that names one of these commands, in the right form or not: the administrators' to answer. */
export type TypedAdminText = Exclude<ParsedAdminText, { kind: 'other' }>;

// Only words nobody types mid-setup for another reason: anything caught here never reaches the setup.
const ALIASES: Record<string, AdminCommandName> = { funnel: 'report' };

/** Words people use for a status, beside the status names themselves. */
const FILTER_WORDS: Record<string, OrderFilter> = {
  'in-progress': 'in_progress',
  inprogress: 'in_progress',
  progress: 'in_progress',
  active: 'in_progress',
  'needs-attention': 'needs_attention',
  attention: 'needs_attention',
  done: 'completed',
  complete: 'completed',
  canceled: 'cancelled',
  waiting: 'scheduled',
};

const orderIdSchema = z.string().regex(ORDER_ID_PATTERN);
// Webex clients may turn an address into a link: `<mailto:a@b.c|a@b.c>` or `mailto:a@b.c`.
const emailSchema = z
  .string()
  .transform((value) => value.replace(/^<?(mailto:)?/i, '').replace(/(\|.*)?>?$/, ''))
  .pipe(z.email().max(254))
  .transform((value) => value.toLowerCase());
const filterSchema = z
  .string()
  .transform((word) => word.toLowerCase())
  .transform((word) => FILTER_WORDS[word] ?? word)
  .pipe(z.enum(ORDER_FILTERS));
/** A cancellation reason is kept in the history; a longer one is cut there. */
const MAX_REASON_LENGTH = 500;
const pageSchema = z.coerce.number().int().min(1).max(MAX_PAGE);

type Step<T> = { ok: true; value: T; rest: string[] } | { ok: false; problem: UsageProblem };

type Checked<T> = { ok: true; value: T } | { ok: false; problem: UsageProblem };

/** An order id as typed (or sent by a card), checked against the orders' id pattern. */
export function checkOrderId(word: string): Checked<string> {
  const parsed = orderIdSchema.safeParse(word);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problem: { code: 'badOrderId', value: word } };
}

/** An email address as typed (or entered on a card), lower-cased. */
export function checkEmail(word: string): Checked<string> {
  const parsed = emailSchema.safeParse(word);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, problem: { code: 'badEmail', value: word } };
}

/** A claim id as typed (any case) or sent by a card. */
export function checkClaimId(word: string): Checked<string> {
  const lower = word.toLowerCase();
  const id = `CL-${lower.slice(3)}`;
  return lower.startsWith('cl-') && CLAIM_ID_PATTERN.test(id)
    ? { ok: true, value: id }
    : { ok: false, problem: { code: 'badClaimId', value: word } };
}

function takeOrderId(words: string[]): Step<string> {
  const [word, ...rest] = words;
  if (word === undefined) return { ok: false, problem: { code: 'missingOrderId' } };
  const checked = checkOrderId(word);
  return checked.ok ? { ...checked, rest } : checked;
}

/** `page N` (or a bare number) at the end of a list command; page 1 when absent. */
function takePage(words: string[]): Step<number> {
  const [first, second, ...rest] = words;
  if (first === undefined) return { ok: true, value: 1, rest: [] };
  const word = first.toLowerCase() === 'page' ? second : first;
  const after = first.toLowerCase() === 'page' ? rest : second === undefined ? rest : [second, ...rest];
  if (word === undefined) return { ok: false, problem: { code: 'badPage' } };
  const parsed = pageSchema.safeParse(word);
  return parsed.success
    ? { ok: true, value: parsed.data, rest: after }
    : { ok: false, problem: { code: 'badPage' } };
}

function parseArguments(name: AdminCommandName, words: string[]): Step<AdminCommand> {
  switch (name) {
    case 'status': {
      if (words.length === 0) return { ok: true, value: { kind: 'status', orderId: null }, rest: [] };
      const id = takeOrderId(words);
      return id.ok ? { ok: true, value: { kind: 'status', orderId: id.value }, rest: id.rest } : id;
    }
    case 'orders': {
      const [first, ...others] = words;
      const isPage = first === undefined || first.toLowerCase() === 'page' || /^\d+$/.test(first);
      let filter: OrderFilter = 'all';
      let rest = words;
      if (!isPage) {
        const parsed = filterSchema.safeParse(first);
        if (!parsed.success) return { ok: false, problem: { code: 'badFilter', value: first } };
        filter = parsed.data;
        rest = others;
      }
      const page = takePage(rest);
      return page.ok
        ? { ok: true, value: { kind: 'orders', filter, page: page.value }, rest: page.rest }
        : page;
    }
    case 'attention': {
      const page = takePage(words);
      return page.ok ? { ok: true, value: { kind: 'attention', page: page.value }, rest: page.rest } : page;
    }
    case 'report':
      return { ok: true, value: { kind: 'report' }, rest: words };
    case 'remind':
    case 'resolve': {
      const id = takeOrderId(words);
      return id.ok ? { ok: true, value: { kind: name, orderId: id.value }, rest: id.rest } : id;
    }
    case 'cancel': {
      const id = takeOrderId(words);
      if (!id.ok) return id;
      // The reason is the rest of the line, as typed: it is kept in the order's history.
      const reason = id.rest.join(' ').slice(0, MAX_REASON_LENGTH);
      if (reason === '') return { ok: false, problem: { code: 'missingReason' } };
      return { ok: true, value: { kind: 'cancel', orderId: id.value, reason }, rest: [] };
    }
    case 'claims':
      return { ok: true, value: { kind: 'claims' }, rest: words };
    case 'approve':
    case 'refuse': {
      const [word, ...rest] = words;
      if (word === undefined) return { ok: false, problem: { code: 'missingClaimId' } };
      const checked = checkClaimId(word);
      return checked.ok ? { ok: true, value: { kind: name, claimId: checked.value }, rest } : checked;
    }
    case 'reassign': {
      const id = takeOrderId(words);
      if (!id.ok) return id;
      const [word, ...rest] = id.rest;
      if (word === undefined) return { ok: false, problem: { code: 'missingEmail' } };
      const email = checkEmail(word);
      if (!email.ok) return email;
      return { ok: true, value: { kind: 'reassign', orderId: id.value, email: email.value }, rest };
    }
  }
}

function commandName(word: string): AdminCommandName | undefined {
  const lower = word.toLowerCase();
  const known = ADMIN_COMMANDS.find((name) => name === lower);
  return known ?? ALIASES[lower];
}

/**
 * Reads a typed command: the first word names it (any case), the rest are its arguments. Text
 * that names none of these commands is `other`, so the setup's own commands can have it.
 */
export function parseAdminText(text: string): ParsedAdminText {
  const words = text
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  const [first, ...rest] = words;
  if (first === undefined) return { kind: 'other' };
  // "status:", "status?" or "/status" read the same as "status".
  const name = commandName(first.replace(/^\//, '').replace(/[:?]$/, ''));
  if (name === undefined) return { kind: 'other' };
  const parsed = parseArguments(name, rest);
  if (!parsed.ok) return { kind: 'malformed', command: name, problem: parsed.problem };
  const [extra] = parsed.rest;
  if (extra !== undefined)
    return {
      kind: 'malformed',
      command: name,
      problem: { code: 'extraWords', value: parsed.rest.join(' ') },
    };
  return { kind: 'command', command: parsed.value };
}
