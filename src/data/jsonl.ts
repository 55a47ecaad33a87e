/**
 * JSON Lines shared by the lab's record files (instruction records, preference pairs): one object a
 * line, each validated by the caller, every error naming the file and the line. Pure: no I/O.
 */
import { MAX_ERRORS, fail, type DataError, type Parsed } from './errors.ts';

/** Checks one parsed value; pushes its errors and returns undefined, or returns the record. */
export type Validate<T> = (file: string, line: number, v: unknown, errors: DataError[]) => T | undefined;

/** Parse JSON Lines: one record per non-blank line; `what` names the records in the empty-file error. */
export function parseJsonl<T>(file: string, text: string, validate: Validate<T>, what: string): Parsed<T[]> {
  const errors: DataError[] = [];
  const records: T[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && errors.length < MAX_ERRORS; i++) {
    const s = lines[i].trim();
    if (s === '') continue;
    let v: unknown;
    try {
      v = JSON.parse(s);
    } catch {
      errors.push({ file, line: i + 1, message: 'malformed JSON (each line must be one complete JSON object)' });
      continue;
    }
    const r = validate(file, i + 1, v, errors);
    if (r) records.push(r);
  }
  return finishRecords(file, records, errors, what);
}

/** The records, or the first errors, or an error for a file with none. */
export function finishRecords<T>(file: string, records: T[], errors: DataError[], what: string): Parsed<T[]> {
  if (errors.length) return { ok: false, errors: errors.slice(0, MAX_ERRORS) };
  if (records.length === 0) return fail(file, `no ${what} found`);
  return { ok: true, value: records };
}

/** Push an error for each of `keys` that is missing, not a string, or blank in `o`. */
export function requireTexts(file: string, line: number, o: Record<string, unknown>, keys: readonly string[], errors: DataError[]): void {
  for (const key of keys) {
    if (!(key in o)) errors.push({ file, line, field: key, message: `missing field "${key}"` });
    else if (typeof o[key] !== 'string') errors.push({ file, line, field: key, message: `"${key}" must be a string` });
    else if ((o[key] as string).trim() === '') errors.push({ file, line, field: key, message: `"${key}" is empty` });
  }
}
