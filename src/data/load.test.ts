// The learner's files through loadUserFile: each kind of bad input gets an error naming the
// file, the line and the problem; good files of each kind load. Fixtures are made here.
import { describe, expect, it } from 'vitest';
import { formatDataError, type DataError } from './errors.ts';
import { loadUserFile } from './load.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const errorsOf = (name: string, bytes: Uint8Array, max?: number): DataError[] => {
  const r = loadUserFile(name, bytes, undefined, max);
  if (r.ok) throw new Error(`${name} loaded but should have failed`);
  return r.errors;
};
const PROSE = 'The quick brown fox jumps over the lazy dog. '.repeat(10);

describe('good files load', () => {
  it('.txt: documents split at <|endoftext|> lines, CRLF and BOM handled', () => {
    const r = loadUserFile('story.txt', enc(`\ufeff${PROSE}\r\n<|endoftext|>\r\nSecond document, also real text.\r\n`));
    expect(r.ok && r.value.kind === 'pretrain' && r.value.docs.map((d) => d.text.length)).toEqual([PROSE.length, 32]);
  });

  it('.csv with a header, quotes, embedded comma and newline; .tsv; 1/0 labels', () => {
    const csv = 'label,text\nspam,"WIN money, now!"\nham,"Lunch at noon?\nSee you"\n1,cheap pills\n0,meeting notes\n';
    const r = loadUserFile('mine.csv', enc(csv));
    if (!r.ok || r.value.kind !== 'classify') throw new Error(JSON.stringify(r));
    expect(r.value.messages.map((m) => [m.label, m.text, m.id])).toEqual([
      ['spam', 'WIN money, now!', 'line 2'],
      ['ham', 'Lunch at noon?\nSee you', 'line 3'],
      ['spam', 'cheap pills', 'line 5'],
      ['ham', 'meeting notes', 'line 6'],
    ]);
    const t = loadUserFile('mine.tsv', enc('ham\thello there\nspam\tbuy, buy, buy\n'));
    expect(t.ok && t.value.kind === 'classify' && t.value.messages.map((m) => m.text)).toEqual(['hello there', 'buy, buy, buy']);
  });

  it('.jsonl and .json in the Alpaca fields, input optional', () => {
    const a = loadUserFile('mine.jsonl', enc('{"instruction":"Say hi","output":"hi"}\n\n{"instruction":"Upper","input":"ab","output":"AB","task":"uppercase"}\n'));
    expect(a.ok && a.value.kind === 'instruct' && a.value.records).toEqual([
      { instruction: 'Say hi', output: 'hi' },
      { instruction: 'Upper', input: 'ab', output: 'AB', task: 'uppercase' },
    ]);
    const b = loadUserFile('mine.json', enc('[{"instruction":"Say hi","output":"hi"}]'));
    expect(b.ok && b.value.kind === 'instruct' && b.value.records.length).toBe(1);
  });
});

describe('bad files are refused with file, line and problem', () => {
  it('empty file, and a file of only whitespace', () => {
    expect(errorsOf('empty.txt', new Uint8Array(0))).toEqual([{ file: 'empty.txt', message: 'the file is empty' }]);
    expect(errorsOf('blank.csv', enc(' \n\n  \n'))[0].message).toMatch(/only whitespace/);
  });

  it('not UTF-8: names the line of the first bad byte', () => {
    const bytes = new Uint8Array([...enc('label,text\nham,ok\nspam,caf'), 0xe9, ...enc(' latin-1\n')]);
    const [e] = errorsOf('latin1.csv', bytes);
    expect(e).toMatchObject({ file: 'latin1.csv', line: 3 });
    expect(e.message).toMatch(/not valid UTF-8 \(byte 0xe9/);
    // An overlong encoding and a lone continuation byte are refused too.
    expect(errorsOf('x.txt', new Uint8Array([...enc(PROSE), 0xc0, 0xaf]))[0].message).toMatch(/UTF-8/);
    expect(errorsOf('x.txt', new Uint8Array([...enc(PROSE), 0x80]))[0].message).toMatch(/UTF-8/);
  });

  it('binary file (NUL bytes): refused as binary, with the line', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    const [e] = errorsOf('photo.txt', png);
    expect(e.message).toMatch(/binary/);
    expect(e.line).toBe(3); // the PNG signature holds two \n bytes before its first NUL
  });

  it('file too large for the page', () => {
    const [e] = errorsOf('big.txt', enc('a'.repeat(2048)), 1024);
    expect(e).toMatchObject({ file: 'big.txt', message: expect.stringMatching(/the page accepts files up to/) });
    const [e2] = errorsOf('huge.txt', new Uint8Array(10 * 1024 * 1024 + 1));
    expect(e2.message).toMatch(/10\.0 MB; the page accepts files up to 10\.0 MB/);
  });

  it('malformed CSV rows: wrong field count, stray quote, unclosed quote', () => {
    expect(errorsOf('a.csv', enc('label,text\nham,hi\nspam,buy,now,please\nham,ok\n'))[0]).toMatchObject({ line: 3, message: expect.stringMatching(/expected 2 fields .* found 4/) });
    expect(errorsOf('b.csv', enc('ham,hi\nspam,he said "buy"\n'))[0]).toMatchObject({ line: 2, message: expect.stringMatching(/quote inside an unquoted field/) });
    expect(errorsOf('c.csv', enc('ham,hi\nspam,"never closed\nham,ok\n'))[0]).toMatchObject({ line: 2, message: expect.stringMatching(/never closed/) });
    expect(errorsOf('d.tsv', enc('ham\thi\nspam only-one-field\n'))[0]).toMatchObject({ line: 2, message: expect.stringMatching(/separated by a tab, found 1/) });
  });

  it('missing field and unknown label name the field', () => {
    expect(errorsOf('m.csv', enc('ham,hi\nspam,\n'))[0]).toEqual({ file: 'm.csv', line: 2, field: 'text', message: 'missing text' });
    expect(errorsOf('m.csv', enc('ham,hi\n,buy now\n'))[0]).toMatchObject({ line: 2, field: 'label' });
    const [e] = errorsOf('u.csv', enc('ham,hi\nspma,buy now\nspam,x\n'));
    expect(formatDataError(e)).toBe('u.csv, line 2, field "label": unknown label "spma" (use spam or ham, or 1 or 0)');
  });

  it('one class only', () => {
    const [e] = errorsOf('all-ham.csv', enc('label,text\nham,a\nham,b\nham,c\n'));
    expect(e).toMatchObject({ file: 'all-ham.csv', field: 'label' });
    expect(e.message).toMatch(/every row is "ham"/);
  });

  it('JSONL: malformed line, missing output, wrong type, each with its line; several errors at once', () => {
    const text = '{"instruction":"a","output":"b"}\n{"instruction":"a", "output":\n{"instruction":"c"}\n{"instruction":3,"output":"x"}\n[1,2]\n';
    const errs = errorsOf('mine.jsonl', enc(text));
    expect(errs.map((e) => [e.line, e.field, e.message])).toEqual([
      [2, undefined, 'malformed JSON (each line must be one complete JSON object)'],
      [3, 'output', 'missing field "output"'],
      [4, 'instruction', '"instruction" must be a string'],
      [5, undefined, 'expected a JSON object with "instruction" and "output"'],
    ]);
  });

  it('JSON array: the line of the bad record, and of a syntax error', () => {
    const text = '[\n  {"instruction": "a", "output": "b"},\n  {"instruction": "has [brackets] and \\"quotes\\"", "output": "ok"},\n  {"instruction": "c",\n   "output": ""}\n]\n';
    expect(errorsOf('mine.json', enc(text))).toEqual([{ file: 'mine.json', line: 4, field: 'output', message: '"output" is empty' }]);
    expect(errorsOf('broken.json', enc('[\n {"instruction": "a",\n  "output": "b",,\n}]'))[0]).toMatchObject({ line: 3, message: 'malformed JSON' });
  });

  it('unsupported extension, wrong kind, and text too short to pretrain on', () => {
    expect(errorsOf('notes.docx', enc('x'))[0].message).toMatch(/unsupported file type; use one of \.txt, \.csv/);
    const r = loadUserFile('mine.csv', enc('ham,a\nspam,b\n'), 'pretrain');
    expect(!r.ok && r.errors[0].message).toBe('this is a classify file; here the lab expects .txt');
    expect(errorsOf('tiny.txt', enc('Too short.'))[0].message).toMatch(/only 10 characters/);
  });
});
