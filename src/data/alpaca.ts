/**
 * Instruction records in the Alpaca fields: `instruction` and `output` (non-empty strings),
 * optional `input`, plus the lab's optional `task`, `split` and `accept`. Reads .jsonl (one
 * object a line) and .json (an array of objects); every error names the line of the record.
 */
import { MAX_ERRORS, fail, type DataError, type Parsed } from './errors.ts';
import { finishRecords, parseJsonl, requireTexts } from './jsonl.ts';
import { SPLITS, type InstructRecord, type Split } from './types.ts';

/** Check one parsed JSON value and turn it into a record, or push the errors it has. */
export function validateRecord(file: string, line: number, v: unknown, errors: DataError[]): InstructRecord | undefined {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) {
    errors.push({ file, line, message: 'expected a JSON object with "instruction" and "output"' });
    return undefined;
  }
  const o = v as Record<string, unknown>;
  const before = errors.length;
  requireTexts(file, line, o, ['instruction', 'output'], errors);
  for (const key of ['input', 'task'] as const) {
    if (key in o && typeof o[key] !== 'string') errors.push({ file, line, field: key, message: `"${key}" must be a string when present` });
  }
  if ('split' in o && !SPLITS.includes(o.split as Split)) {
    errors.push({ file, line, field: 'split', message: `"split" must be one of ${SPLITS.join(', ')}` });
  }
  if ('accept' in o && !(Array.isArray(o.accept) && o.accept.every((a) => typeof a === 'string'))) {
    errors.push({ file, line, field: 'accept', message: '"accept" must be a list of strings' });
  }
  if (errors.length > before) return undefined;
  const r: InstructRecord = { instruction: o.instruction as string, output: o.output as string };
  if (typeof o.input === 'string' && o.input !== '') r.input = o.input;
  if (typeof o.task === 'string') r.task = o.task;
  if (o.split) r.split = o.split as Split;
  if (o.accept) r.accept = o.accept as string[];
  return r;
}

/** Parse JSON Lines: one record per non-blank line. */
export function parseInstructJsonl(file: string, text: string): Parsed<InstructRecord[]> {
  return parseJsonl(file, text, validateRecord, 'records');
}

/**
 * Start lines of the top-level array's elements in a JSON text (a small scanner that skips
 * strings), so errors in a .json file can name the line of the bad record.
 */
export function arrayElementLines(text: string): number[] {
  const lines: number[] = [];
  let depth = 0;
  let line = 1;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectElement && !/\s/.test(c) && c !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectElement = true;
  }
  return lines;
}

/** Line of a JSON.parse error, from the "position N" its message carries (V8), else undefined. */
function jsonErrorLine(text: string, err: unknown): number | undefined {
  const m = /position (\d+)/.exec(String(err));
  if (m) return text.slice(0, Number(m[1])).split('\n').length;
  const lc = /line (\d+)/.exec(String(err));
  return lc ? Number(lc[1]) : undefined;
}

/** Parse a .json file holding an array of records. */
export function parseInstructJson(file: string, text: string): Parsed<InstructRecord[]> {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    return fail(file, 'malformed JSON', jsonErrorLine(text, err));
  }
  if (!Array.isArray(v)) return fail(file, 'expected a JSON array of records ([{"instruction": ..., "output": ...}, ...])', 1);
  const lines = arrayElementLines(text);
  const errors: DataError[] = [];
  const records: InstructRecord[] = [];
  for (let i = 0; i < v.length && errors.length < MAX_ERRORS; i++) {
    const r = validateRecord(file, lines[i] ?? 1, v[i], errors);
    if (r) records.push(r);
  }
  return finishRecords(file, records, errors, 'records');
}
