// `lab eval --facts` without a GPU: the printed table from known counts and the option checks.
import { describe, expect, it } from 'vitest';
import { factsText, parseAttributes } from './commands/facts.ts';

describe('lab eval --facts', () => {
  it('prints each side against chance, and per attribute when more than one was asked', () => {
    const text = factsText({
      known: { side: 'known', known: 190, total: 200 }, unknown: { side: 'unknown', known: 7, total: 100 }, chance: 1 / 16,
      byAttribute: [
        { attribute: 'town', side: 'known', known: 95, total: 100 },
        { attribute: 'food', side: 'known', known: 95, total: 100 },
      ],
    });
    expect(text).toMatch(/^known people\s+95\.0% \(190 of 200 facts\)$/m);
    expect(text).toMatch(/^unknown people\s+7\.0% \(7 of 100 facts\)$/m);
    expect(text).toMatch(/^chance\s+6\.3% \(one of 16 values\)$/m);
    expect(text).toMatch(/food \(cue "X loves to eat"\), known\s+95\.0% \(95 of 100\)/);
    const one = factsText({ known: { side: 'known', known: 1, total: 2 }, unknown: { side: 'unknown', known: 0, total: 2 }, chance: 1 / 16, byAttribute: [{ attribute: 'town', side: 'known', known: 1, total: 2 }] });
    expect(one).not.toMatch(/cue/);
  });

  it('names a bad attribute', () => {
    expect(parseAttributes('town, food')).toEqual(['town', 'food']);
    expect(() => parseAttributes('town,age')).toThrow(/unknown attribute "age" \(choose from town, job, food\)/);
    expect(() => parseAttributes(' , ')).toThrow(/at least one/);
  });
});
