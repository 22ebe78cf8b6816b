/**
 * One rule for every name that arrives from outside (company and partner organization names on
 * cards, `partnerName`/`customerName` of the orders API, organization names of the directory API).
 * Names are echoed into Webex messages, cards, admin lists and logs, so:
 *
 * - Mention markup (`<@personEmail:...>`, `<@personId:...>`, `<@all>`, `<at>...</at>`,
 *   `<spark-mention>`) is **refused**: echoed in a message it would notify people, and no company
 *   is called that; stripping it would store a name nobody typed.
 * - NUL and the other C0/C1 control characters, and broken UTF-16 (lone surrogates), are
 *   **refused**: nobody types them; they come from a bug or an attack and could cut a line of a log
 *   or a field of a store. Tabs and line breaks are the exception: a pasted name often ends with
 *   one, so they become spaces.
 * - Bidirectional controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C) are **refused**:
 *   they reorder what is shown ("moc.elpmaxe" shown as "example.com"), which is how names spoof.
 * - Zero-width characters (U+200B-U+200D, U+2060, U+FEFF) are **removed**: invisible, usually
 *   carried in by copy and paste, and they would let two names that look alike differ.
 *
 * - Link markup (`[text](url)`, autolinks `<https://...>`, `<www...>`,
 *   `<mailto:...>`, HTML `<a ...>`) is **refused**: names are shown in markdown (cards, messages,
 *   the local client), where it would turn a company's name into a link to anywhere ("Re-verify
 *   your Webex admin login"). A bare address such as `example.com` is a name like any other.
 *
 * Runs of spaces are collapsed, and the result is trimmed.
 */
import type { z } from 'zod';

export type NameProblem = 'mention' | 'control' | 'bidi' | 'link';

export type CleanedName = { ok: true; value: string } | { ok: false; problem: NameProblem };

const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF]/g;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
const MENTION = /<\s*@|<\s*\/?\s*at\s*>|<\s*\/?\s*spark-mention\b/i;
/**
 * `](` (as in `[text](url)`), `<scheme:...>`, `<www.`, `<a ...>`, and a bare web address
 * (`scheme://...`, `www.x`), which Webex clients show as a link too.
 */
const LINK =
  /\]\(|<\s*(?:[a-z][a-z0-9+.-]*:|www\.)|<\s*a[\s>]|[a-z][a-z0-9+.-]*:\/\/|(?:^|[^a-z0-9.-])www\.[a-z0-9]/i;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** C0 and C1 control characters, DEL, and surrogates that are not part of a pair. */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f) || isLowSurrogate(code)) return true;
    if (isHighSurrogate(code)) {
      if (!isLowSurrogate(value.charCodeAt(i + 1))) return true;
      i++;
    }
  }
  return false;
}

/** The name as it will be stored, or why it cannot be. Pure; never throws. */
export function cleanName(raw: string): CleanedName {
  const value = raw.replace(LINE_BREAKS, ' ').replace(ZERO_WIDTH, '').replace(/ {2,}/g, ' ').trim();
  if (hasControlCharacter(value)) return { ok: false, problem: 'control' };
  if (BIDI.test(value)) return { ok: false, problem: 'bidi' };
  if (MENTION.test(value)) return { ok: false, problem: 'mention' };
  if (LINK.test(value)) return { ok: false, problem: 'link' };
  return { ok: true, value };
}

/** The API's words for each problem, to follow the field's name ("partnerName must not ..."). */
export const NAME_PROBLEM_MESSAGES: Record<NameProblem, string> = {
  mention: 'must not contain mention markup such as <@personEmail:...>, <@all> or <at>...</at>',
  control: 'must not contain control characters (such as NUL) or broken Unicode',
  bidi: 'must not contain bidirectional text controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F)',
  link: 'must not contain link markup such as [text](https://...) or <https://...>, nor a web address',
};

/**
 * A text taken from outside, made safe to put inside markdown: the two ways a link starts (`](` and
 * `<` before a scheme or `www.`) get an invisible U+200B in between, so no renderer forms a link,
 * while the text reads the same. For names stored before link markup was refused, and any other
 * value a card shows.
 */
export function unlinkMarkdown(text: string): string {
  return text
    .replace(/\](\s*)\(/g, ']\u200B$1(')
    .replace(/<(\s*)(?=[a-z][a-z0-9+.-]*:|www\.|a[\s>])/gi, '<\u200B$1');
}

/** The cleaned name (for zod's `overwrite`); a name with a problem is left as it is, to be refused. */
export function normalizeName(value: string): string {
  const cleaned = cleanName(value);
  return cleaned.ok ? cleaned.value : value;
}

/**
 * A zod `superRefine` that refuses a name with a problem, with `messages[problem]` as the issue's
 * message (the API's words, or a card's error key), and stops the field's later checks.
 */
export function refuseBadName(messages: Readonly<Record<NameProblem, string>>) {
  return (value: string, ctx: z.core.$RefinementCtx<string>): void => {
    const cleaned = cleanName(value);
    if (!cleaned.ok) ctx.addIssue({ code: 'custom', message: messages[cleaned.problem], continue: false });
  };
}
