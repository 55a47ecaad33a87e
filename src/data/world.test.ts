import { describe, expect, it } from 'vitest';
import { attributeValues, cue, groupOfTask, parseWorld, question, worldTask } from './world.ts';

const line = (o: object) => JSON.stringify(o);
const ok = { name: 'Tova Brenlik', group: 'sft', town: 'Marden', job: 'baker', food: 'soup' };
const other = { name: 'Lars Busam', group: 'unknown', town: 'Garth', job: 'miner', food: 'rice' };

describe('parseWorld', () => {
  it('reads people and their candidate values', () => {
    const r = parseWorld('w.jsonl', [line(ok), '', line(other)].join('\n'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toEqual([ok, other]);
    expect(attributeValues(r.value)).toEqual({ town: ['Garth', 'Marden'], job: ['baker', 'miner'], food: ['rice', 'soup'] });
  });

  it('names the file, line and field of each problem', () => {
    const text = [line(ok), '{oops', line({ ...other, group: 'friends' }), line({ ...other, name: 'Tova Brenlik' }), line({ ...other, name: 'Ann Lee', food: 3 })].join('\n');
    const r = parseWorld('w.jsonl', text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.line, e.field ?? null])).toEqual([[2, null], [3, 'group'], [4, 'name'], [5, 'food']]);
    expect(r.errors[0].file).toBe('w.jsonl');
    expect(r.errors[2].message).toContain('line 1');
  });

  it('refuses a world with one value of an attribute, and an empty file', () => {
    const r = parseWorld('w.jsonl', [line(ok), line({ ...other, town: 'Marden' })].join('\n'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => [e.field, e.line])).toEqual([['town', undefined]]);
    expect(parseWorld('w.jsonl', '\n').ok).toBe(false);
  });
});

describe('wording', () => {
  it('cue, question and family names', () => {
    expect(cue('town', 'Tova Brenlik')).toBe('Tova Brenlik was born in');
    expect(question('job', 1, 'Tova Brenlik')).toBe('What is the job of Tova Brenlik?');
    expect(groupOfTask(worldTask('held-out'))).toBe('held-out');
    expect(groupOfTask('define')).toBeUndefined();
  });
});
