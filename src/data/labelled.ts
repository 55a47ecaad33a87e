/**
 * The learner's labelled messages for the classification lesson: a .csv or .tsv file whose rows
 * are (label, text), with an optional header row "label,text". Labels are spam/ham (or 1/0).
 * Refuses malformed rows, missing fields, unknown labels and a file with one class only.
 */
import { parseDelimited } from './csv.ts';
import { MAX_ERRORS, type DataError, type Parsed } from './errors.ts';
import type { Label, Message } from './types.ts';

const LABEL_WORDS: Record<string, Label> = { spam: 'spam', ham: 'ham', '1': 'spam', '0': 'ham' };

/** Map a label cell to a class, or undefined when it is not one the lesson knows. */
export function parseLabel(cell: string): Label | undefined {
  return LABEL_WORDS[cell.trim().toLowerCase()];
}

/** Parse a (label, text) table. `delimiter` follows the extension: ',' for .csv, tab for .tsv. */
export function parseLabelled(file: string, text: string, delimiter: ',' | '\t'): Parsed<Message[]> {
  const table = parseDelimited(file, text, delimiter);
  if (!table.ok) return table;
  let rows = table.value;
  const head = rows[0];
  if (head && head.fields.length >= 2 && head.fields[0].trim().toLowerCase() === 'label' && head.fields[1].trim().toLowerCase() === 'text') {
    rows = rows.slice(1);
  }
  const errors: DataError[] = [];
  const out: Message[] = [];
  const sep = delimiter === '\t' ? 'a tab' : 'a comma';
  for (const { line, fields } of rows) {
    if (errors.length >= MAX_ERRORS) break;
    if (fields.length !== 2) {
      errors.push({ file, line, message: `malformed row: expected 2 fields (label, text) separated by ${sep}, found ${fields.length}` });
      continue;
    }
    const [labelCell, body] = fields;
    if (labelCell.trim() === '') { errors.push({ file, line, field: 'label', message: 'missing label' }); continue; }
    if (body.trim() === '') { errors.push({ file, line, field: 'text', message: 'missing text' }); continue; }
    const label = parseLabel(labelCell);
    if (!label) {
      errors.push({ file, line, field: 'label', message: `unknown label "${labelCell.trim().slice(0, 40)}" (use spam or ham, or 1 or 0)` });
      continue;
    }
    out.push({ id: `line ${line}`, label, text: body.trim() });
  }
  if (errors.length) return { ok: false, errors };
  if (out.length === 0) return { ok: false, errors: [{ file, message: 'no rows after the header' }] };
  const classes = new Set(out.map((m) => m.label));
  if (classes.size < 2) {
    const only = [...classes][0];
    return { ok: false, errors: [{ file, field: 'label', message: `every row is "${only}": a classifier needs examples of both spam and ham` }] };
  }
  return { ok: true, value: out };
}
