/**
 * A small CSV/TSV reader (RFC 4180 quoting: fields in double quotes may hold the delimiter,
 * newlines and doubled quotes). Returns rows with the line each starts on, or the first
 * malformed row's line. Knows nothing about labels; see labelled.ts.
 */
import { fail, type Parsed } from './errors.ts';

/** One record of the file and the 1-based line it starts on. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** Split `text` into rows of fields. Blank lines are skipped. */
export function parseDelimited(file: string, text: string, delimiter: ',' | '\t'): Parsed<CsvRow[]> {
  const rows: CsvRow[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let quoted = false;
    let rowDone = false;
    let atFieldStart = true;
    while (i < n && !rowDone) {
      const c = text[i];
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
          quoted = false;
          i++;
          // After a closing quote only a delimiter or the end of the row may follow.
          const next = text[i];
          if (i < n && next !== delimiter && next !== '\n') {
            return fail(file, `malformed row: unexpected character after a closing quote (quote a field that contains quotes, and double the inner quotes)`, line);
          }
          continue;
        }
        if (c === '\n') line++;
        field += c;
        i++;
        continue;
      }
      if (c === '"' && atFieldStart) { quoted = true; atFieldStart = false; i++; continue; }
      if (c === '"') {
        return fail(file, 'malformed row: a quote inside an unquoted field (put the whole field in quotes and double the inner quote)', line);
      }
      if (c === delimiter) { fields.push(field); field = ''; atFieldStart = true; i++; continue; }
      if (c === '\n') { line++; i++; rowDone = true; continue; }
      field += c;
      atFieldStart = false;
      i++;
    }
    if (quoted) return fail(file, 'malformed row: a quoted field is never closed', start);
    fields.push(field);
    if (!(fields.length === 1 && fields[0].trim() === '')) rows.push({ line: start, fields });
  }
  return { ok: true, value: rows };
}
