/**
 * Errors in a dataset file, each naming the file, the line (1-based, when there is one) and the
 * field or problem, so the learner can find and fix it. Plain data; the UI renders it as text.
 */

/** One problem in one file. */
export interface DataError {
  file: string;
  /** 1-based line number, absent for whole-file problems (empty, too large, one class only). */
  line?: number;
  /** The field concerned (label, text, instruction, output, ...), when there is one. */
  field?: string;
  message: string;
}

/** The result of a parser or validator: the data, or every error found (up to a limit). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: DataError[] };

/** Stop collecting after this many errors: the first few are enough to fix a file. */
export const MAX_ERRORS = 10;

/** "spam.csv, line 4, field label: unknown label ..." */
export function formatDataError(e: DataError): string {
  const where = [e.file, e.line !== undefined ? `line ${e.line}` : '', e.field ? `field "${e.field}"` : '']
    .filter(Boolean)
    .join(', ');
  return `${where}: ${e.message}`;
}

/** Shorthand for a failed result with a single error. */
export function fail<T>(file: string, message: string, line?: number, field?: string): Parsed<T> {
  return { ok: false, errors: [{ file, line, field, message }] };
}
