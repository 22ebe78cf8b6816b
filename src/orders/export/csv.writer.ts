/**
 * Writes RFC 4180 CSV: records end in CRLF, and a field is put in double quotes (a quote inside
 * written `""`) when it holds a comma, a quote, a CR or an LF. The file is meant for spreadsheets,
 * so a text that a spreadsheet would run as a formula is defused (see `defuseFormula`).
 */

/** What a spreadsheet takes as the start of a formula (`=`, `+`, `-`, `@`), or a tab or CR before one. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A leading apostrophe on a text that starts like a formula: spreadsheets then show it as text
 * instead of running it (`=HYPERLINK(...)` typed as a company name stays a name).
 */
export function defuseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
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
