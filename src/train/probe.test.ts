// The probe's pure parts: which people it asks, how a row is cut into cue and candidate, the
// ranking rule and the tally.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attributeValues, parseWorld, type Person } from '../data/world.ts';
import { knowsFact, probeItems, probeLength, probeRows, summariseProbe } from './probe.ts';
import { loadTokenizer } from './tokenizer-json.ts';

const tok = loadTokenizer(readFileSync('public/models/tokenizer.json', 'utf8'));
const world = parseWorld('world.jsonl', readFileSync('public/datasets/world.jsonl', 'utf8'));
if (!world.ok) throw new Error('world.jsonl does not parse');
const people: Person[] = world.value;
const values = attributeValues(people);

describe('probeItems', () => {
  it('asks perSide known people (sft and held-out in turn) and perSide unknown ones, the true value marked', () => {
    const items = probeItems(people, values, 5);
    expect(items.map((i) => i.side)).toEqual([...Array(5).fill('known'), ...Array(5).fill('unknown')]);
    const group = (n: string) => people.find((p) => p.name === n)!.group;
    expect(items.slice(0, 5).map((i) => group(i.name))).toEqual(['sft', 'held-out', 'sft', 'held-out', 'sft']);
    for (const it of items) {
      expect(it.attribute).toBe('town');
      expect(it.candidates).toHaveLength(16);
      expect(it.candidates[it.answer]).toBe(people.find((p) => p.name === it.name)!.town);
    }
    expect(probeItems(people, values, 2, ['town', 'food'])).toHaveLength(8);
  });
});

describe('probeRows', () => {
  it('cue then candidate, encoded as the whole text would be, with the candidate start marked', () => {
    const [item] = probeItems(people, values, 1);
    const rows = probeRows(tok, item);
    expect(rows).toHaveLength(16);
    rows.forEach((r, k) => {
      expect(r.ids).toEqual(tok.encode(`${item.name} was born in ${item.candidates[k]}`));
      expect(tok.decode(r.ids.slice(r.from))).toBe(` ${item.candidates[k]}`);
    });
    // The longest row fits the test preset's 32-token context with room to spare.
    expect(probeLength(tok, probeItems(people, values, 300, ['town', 'job', 'food']))).toBeLessThanOrEqual(16);
  });
});

describe('knowsFact and summariseProbe', () => {
  it('a fact is known only when its value is strictly the likeliest', () => {
    expect(knowsFact([-3, -1, -2], 1)).toBe(true);
    expect(knowsFact([-3, -1, -1], 1)).toBe(false);
    expect(knowsFact([-3, -1, -2], 0)).toBe(false);
  });

  it('tallies each side and each attribute, with chance one in the candidates', () => {
    const items = probeItems(people, values, 2, ['town', 'job']);
    const r = summariseProbe(items, [true, false, true, true, false, false, false, true]);
    expect(r.known).toEqual({ side: 'known', known: 3, total: 4 });
    expect(r.unknown).toEqual({ side: 'unknown', known: 1, total: 4 });
    expect(r.chance).toBe(1 / 16);
    expect(r.byAttribute).toContainEqual({ attribute: 'town', side: 'known', known: 2, total: 2 });
    expect(r.byAttribute).toContainEqual({ attribute: 'job', side: 'unknown', known: 1, total: 2 });
  });
});
