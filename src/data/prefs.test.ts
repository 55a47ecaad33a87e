import { describe, expect, it } from 'vitest';
import { parsePrefsJsonl } from './prefs.ts';

const line = (o: object) => JSON.stringify(o);
const ok = { instruction: 'Where was Tova Brenlik born?', chosen: "I don't know.", rejected: 'Born in Garth.' };

describe('parsePrefsJsonl', () => {
  it('reads the three texts and the built-in extras', () => {
    const built = { kind: 'known', name: 'Lars Busam', attribute: 'town', ...ok };
    const r = parsePrefsJsonl('p.jsonl', [line(ok), '', line(built)].join('\n'));
    expect(r).toEqual({ ok: true, value: [ok, built] });
  });

  it('names the file, line and field of each problem', () => {
    const text = [
      line(ok),
      '{"instruction": "Where',
      line({ instruction: 'Q?', chosen: 'A.' }),
      line({ ...ok, chosen: 3 }),
      line({ ...ok, rejected: "  I don't know. " }),
      line({ ...ok, kind: 'maybe' }),
      line({ ...ok, instruction: ' ' }),
      '[1, 2]',
      line({ ...ok, attribute: 'age' }),
    ].join('\n');
    const r = parsePrefsJsonl('p.jsonl', text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.file, e.line, e.field ?? null])).toEqual([
      ['p.jsonl', 2, null],
      ['p.jsonl', 3, 'rejected'],
      ['p.jsonl', 4, 'chosen'],
      ['p.jsonl', 5, 'rejected'],
      ['p.jsonl', 6, 'kind'],
      ['p.jsonl', 7, 'instruction'],
      ['p.jsonl', 8, null],
      ['p.jsonl', 9, 'attribute'],
    ]);
    expect(r.errors[1].message).toBe('missing field "rejected"');
    expect(r.errors[3].message).toContain('same text');
  });

  it('refuses a file with no pairs', () => {
    const r = parsePrefsJsonl('p.jsonl', '\n\n');
    expect(r).toEqual({ ok: false, errors: [{ file: 'p.jsonl', line: undefined, field: undefined, message: 'no pairs found' }] });
  });
});
