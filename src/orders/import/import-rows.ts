import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { NEW_ORDER_FIELDS, newOrderSchema, toInputIssues } from '../order-input.schema.js';
import { parseCsv } from './csv.parser.js';

/** A row ready to send, labelled the way a person finds it in the file (`line 7`, `item 3`). */
export interface ImportRow {
  label: string;
  body: Record<string, unknown>;
}

export interface InvalidRow {
  label: string;
  /** The line (CSV) or index (JSON), to list problems in file order. */
  position: number;
  problems: string[];
}

export type ImportFile =
  | { ok: true; rows: ImportRow[]; invalid: InvalidRow[] }
  | { ok: false; error: string };

const REQUIRED_COLUMNS = ['orderId', 'requestedStartDate', 'provisioningContactEmail'];

/** Validates one row with the API's own schema; the problems are `field: message` lines. */
function check(
  label: string,
  position: number,
  body: Record<string, unknown>,
  rows: ImportRow[],
  invalid: InvalidRow[],
) {
  const parsed = newOrderSchema.safeParse(body);
  if (parsed.success) rows.push({ label, body });
  else
    invalid.push({
      label,
      position,
      problems: toInputIssues(parsed.error).map((i) => `${i.path} ${i.message}`),
    });
}

/** CSV with a header row naming the fields; an empty cell means the field is not given. */
function readCsv(text: string): ImportFile {
  const { records, problems } = parseCsv(text);
  const [header, ...data] = records;
  if (header === undefined) return { ok: false, error: 'the file has no header row' };
  const columns = header.fields.map((name) => name.trim());
  const known: readonly string[] = NEW_ORDER_FIELDS;
  const unknown = columns.filter((name) => !known.includes(name));
  if (unknown.length > 0)
    return {
      ok: false,
      error: `line ${header.line}: unknown column(s) ${unknown.map((c) => JSON.stringify(c)).join(', ')}; columns are ${NEW_ORDER_FIELDS.join(', ')}`,
    };
  const twice = columns.filter((name, index) => columns.indexOf(name) !== index);
  if (twice.length > 0)
    return { ok: false, error: `line ${header.line}: column(s) ${twice.join(', ')} appear twice` };
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.includes(name));
  if (missing.length > 0)
    return { ok: false, error: `line ${header.line}: missing column(s) ${missing.join(', ')}` };

  const rows: ImportRow[] = [];
  const invalid: InvalidRow[] = problems
    .filter((p) => p.line > header.line)
    .map((p) => ({ label: `line ${p.line}`, position: p.line, problems: [p.message] }));
  for (const record of data) {
    const label = `line ${record.line}`;
    if (record.fields.length !== columns.length) {
      const problem = `has ${record.fields.length} fields; the header has ${columns.length}`;
      invalid.push({ label, position: record.line, problems: [problem] });
      continue;
    }
    const body: Record<string, unknown> = {};
    columns.forEach((name, index) => {
      const value = record.fields[index] ?? '';
      if (value.trim() !== '') body[name] = value;
    });
    check(label, record.line, body, rows, invalid);
  }
  invalid.sort((a, b) => a.position - b.position);
  return { ok: true, rows, invalid };
}

/** A JSON array of order objects; item numbers count from 1, with the array index beside them. */
function readJson(text: string): ImportFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!Array.isArray(data)) return { ok: false, error: 'a JSON import file must be an array of orders' };
  const rows: ImportRow[] = [];
  const invalid: InvalidRow[] = [];
  data.forEach((item: unknown, index) => {
    const label = `item ${index + 1} (index ${index})`;
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      invalid.push({ label, position: index, problems: ['must be an object'] });
    else check(label, index, { ...item }, rows, invalid);
  });
  return { ok: true, rows, invalid };
}

/** Reads and checks an import file (`.csv` or `.json`) before anything is sent. */
export async function readImportFile(file: string): Promise<ImportFile> {
  const extension = path.extname(file).toLowerCase();
  if (extension !== '.csv' && extension !== '.json')
    return { ok: false, error: `${file}: the file must end in .csv or .json` };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    if (code === 'ENOENT') return { ok: false, error: `${file}: no such file` };
    return {
      ok: false,
      error: `${file}: cannot be read (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  const result = extension === '.csv' ? readCsv(text) : readJson(text);
  return result.ok
    ? result
    : { ok: false, error: result.error.startsWith(file) ? result.error : `${file}: ${result.error}` };
}
