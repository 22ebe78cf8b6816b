/**
 * Writes RFC 4180 CSV: records end in CRLF, and a field is put in double quotes (a quote inside
 * written `""`) when it holds a comma, a quote, a CR or an LF. The file is meant for spreadsheets,
 * so a text that a spreadsheet would run as a formula is defused (see `defuseFormula`).
 */

/**
 * What a spreadsheet takes as the start of a formula: `=`, `+`, `-` or `@`, also after spaces or
 * quotes (some trim them), and a tab or CR (OWASP's list).
 */
const FORMULA_START = /^(?:[\t\r]|[\s"]*[=+\-@])/;

/**
 * The same after a `;` or `,` inside the text: a spreadsheet that splits on `;` (Excel with a
 * semicolon list separator, usual in Croatian and other European locales) does not see this file's
 * commas or quotes, so every part after one starts a cell of its own.
 */
const FORMULA_AFTER_SEPARATOR = /([;,][\s"]*)(?=[=+\-@\t\r])/g;

/**
 * An apostrophe before whatever would start a formula, at the start of the text and after each `;`
 * or `,` in it: spreadsheets then show it as text instead of running it (`=HYPERLINK(...)` typed as
 * a company name stays a name, and so does `Evil;=cmd|' /C calc'!A0`).
 */
export function defuseFormula(value: string): string {
  const parts = value.replace(FORMULA_AFTER_SEPARATOR, "$1'");
  return FORMULA_START.test(parts) ? `'${parts}` : parts;
}

/** One field, defused and quoted when it needs quotes; null is an empty field. */
export function csvField(value: string | null): string {
  if (value === null) return '';
  const safe = defuseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record, with its CRLF. */
export function csvRecord(values: ReadonlyArray<string | null>): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
