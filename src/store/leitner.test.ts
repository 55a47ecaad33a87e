import { describe, expect, it } from 'vitest';
import { boxCounts, cardBox, EMPTY_LEITNER, isDue, nextRound, parseLeitner, review } from './leitner.ts';

const ids = ['a', 'b', 'c'];

describe('Leitner boxes', () => {
  it('starts every card in box 1, due now', () => {
    expect(cardBox(EMPTY_LEITNER, 'a')).toEqual({ box: 1, due: 1 });
    expect(ids.every((id) => isDue(EMPTY_LEITNER, id))).toBe(true);
    expect(boxCounts(EMPTY_LEITNER, ids)).toEqual([3, 0, 0, 0, 0]);
  });

  it('moves a known card up one box and schedules it by the box interval', () => {
    let s = review(EMPTY_LEITNER, 'a', true);
    expect(cardBox(s, 'a')).toEqual({ box: 2, due: 3 }); // box 2: every 2nd round
    expect(isDue(s, 'a')).toBe(false);
    s = { ...s, round: 3 };
    s = review(s, 'a', true);
    expect(cardBox(s, 'a')).toEqual({ box: 3, due: 7 });
  });

  it('caps at box 5 and sends a missed card back to box 1 for the next round', () => {
    let s = EMPTY_LEITNER;
    for (let i = 0; i < 8; i++) s = review(s, 'a', true);
    expect(cardBox(s, 'a').box).toBe(5);
    expect(cardBox(s, 'a').due).toBe(1 + 16);
    s = review(s, 'a', false);
    expect(cardBox(s, 'a')).toEqual({ box: 1, due: 2 });
  });

  it('starts the next round at the earliest due card', () => {
    let s = review(EMPTY_LEITNER, 'a', true); // due 3
    s = review(s, 'b', true); // due 3
    s = review(s, 'c', false); // due 2
    expect(ids.filter((id) => isDue(s, id))).toEqual([]);
    s = nextRound(s, ids);
    expect(s.round).toBe(2);
    expect(ids.filter((id) => isDue(s, id))).toEqual(['c']);
    s = review(s, 'c', true); // box 2, due 4
    s = nextRound(s, ids);
    expect(s.round).toBe(3);
    expect(ids.filter((id) => isDue(s, id))).toEqual(['a', 'b']);
    expect(boxCounts(s, ids)).toEqual([0, 3, 0, 0, 0]);
  });

  it('validates saved state, dropping bad cards and refusing bad rounds', () => {
    expect(parseLeitner({ round: 4, cards: { a: { box: 2, due: 5 }, b: { box: 9, due: 1 }, c: 'x' } })).toEqual({ round: 4, cards: { a: { box: 2, due: 5 } } });
    expect(parseLeitner({ round: 0, cards: {} })).toBeUndefined();
    expect(parseLeitner('nope')).toBeUndefined();
  });
});
