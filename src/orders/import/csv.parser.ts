/** One CSV record and the physical line (1-based) where it starts. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export interface CsvProblem {
  line: number;
  message: string;
}

export interface ParsedCsv {
  records: CsvRecord[];
  problems: CsvProblem[];
}

/**
 * Parses RFC 4180 CSV: fields separated by commas, records by CRLF or LF, fields optionally in
 * double quotes, where a quote is written `""` and commas and newlines are data. A record keeps
 * the line it starts on, so problems can point at the line a person sees in an editor. Blank
 * lines are skipped; a quote in the middle of an unquoted field, or a quote left open, is a
 * problem of that record rather than a reason to give up on the file.
 */
export function parseCsv(text: string): ParsedCsv {
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  let line = 1;
  let i = 0;
  while (i < input.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let problem: string | undefined;
    let endOfRecord = false;
    while (!endOfRecord) {
      if (i >= input.length) break;
      const c = input[i];
      if (c === '"' && field === '') {
        // A quoted field: runs until a lone quote.
        i += 1;
        let closed = false;
        while (i < input.length) {
          const q = input[i];
          if (q === '"') {
            if (input[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i += 1;
            closed = true;
            break;
          }
          if (q === '\n') line += 1;
          field += q;
          i += 1;
        }
        if (!closed) problem ??= 'a quoted field is not closed (missing ")';
        else if (i < input.length && input[i] !== ',' && input[i] !== '\n' && input[i] !== '\r')
          problem ??= 'text after a closing quote (write a quote inside quotes as "")';
        continue;
      }
      if (c === ',') {
        fields.push(field);
        field = '';
        i += 1;
      } else if (c === '\r' && input[i + 1] === '\n') {
        i += 2;
        endOfRecord = true;
      } else if (c === '\n' || c === '\r') {
        i += 1;
        endOfRecord = true;
      } else {
        if (c === '"') problem ??= 'a quote inside an unquoted field (put the field in quotes and write "")';
        field += c;
        i += 1;
      }
    }
    fields.push(field);
    if (endOfRecord) line += 1;
    const blank = fields.length === 1 && fields[0] === '' && problem === undefined;
    if (problem !== undefined) problems.push({ line: start, message: problem });
    else if (!blank) records.push({ line: start, fields });
  }
  return { records, problems };
}
