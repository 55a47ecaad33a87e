// The family scorers on hand-made answers: each rule accepts what it states and refuses the rest.
import { describe, expect, it } from 'vitest';
import { CONFIDENT, countWords, firstWord, isRefusal, lastWord, normalise, scoreAnswer, scoreByFamily, worldRows } from './scorers.ts';
import { REFUSAL } from './world.ts';
import type { InstructRecord } from './types.ts';

const rec = (task: string, output: string, extra: Partial<InstructRecord> = {}): InstructRecord => ({ task, instruction: 'x', output, ...extra });

describe('word helpers', () => {
  it('count words as tokens with a letter or digit, and strip punctuation from first and last', () => {
    expect(countWords("Students' choices -- are not arbitrary, 2 of them.")).toBe(8);
    expect(firstWord('"Well, then," he said.')).toBe('Well');
    expect(lastWord("It isn't the students'.")).toBe('students');
    expect(normalise('  "The  Answer."  ')).toBe('the answer');
  });
});

describe('scorers', () => {
  it('uppercase is case-sensitive exact match', () => {
    const r = rec('uppercase', 'THE DOG RAN.');
    expect(scoreAnswer(r, ' THE DOG RAN. ')).toBe(true);
    expect(scoreAnswer(r, 'The dog ran.')).toBe(false);
  });

  it('word_count wants the number in digits', () => {
    const r = rec('word_count', '9');
    expect(scoreAnswer(r, '9')).toBe(true);
    expect(scoreAnswer(r, '9.')).toBe(true);
    expect(scoreAnswer(r, 'nine')).toBe(false);
    expect(scoreAnswer(r, '10')).toBe(false);
  });

  it('synonym, antonym, hypernym accept any listed answer, normalised', () => {
    const r = rec('synonym', 'merely', { accept: ['just', 'merely', 'only'] });
    expect(scoreAnswer(r, 'Just.')).toBe(true);
    expect(scoreAnswer(r, 'barely')).toBe(false);
    expect(scoreAnswer(rec('hypernym', 'canine', { accept: ['canid', 'canine', 'domestic animal'] }), 'domestic  animal')).toBe(true);
  });

  it('use_in_sentence: uses the quoted word (inflections allowed) in 3 to 30 words', () => {
    const r = rec('use_in_sentence', 'they pulled the canoe up on the bank', { instruction: 'Use the word "bank" in a sentence.' });
    expect(scoreAnswer(r, 'She walked to the bank today.')).toBe(true);
    expect(scoreAnswer(r, 'Two banks merged last year.')).toBe(true);
    expect(scoreAnswer(r, 'bank')).toBe(false); // too short
    expect(scoreAnswer(r, 'She walked to the embankment today.')).toBe(false);
    expect(scoreAnswer(r, 'She walked to the river today.')).toBe(false);
  });

  it('spam, define, first_word, last_word: normalised exact match', () => {
    expect(scoreAnswer(rec('spam', 'spam'), 'Spam.')).toBe(true);
    expect(scoreAnswer(rec('spam', 'spam'), 'ham')).toBe(false);
    expect(scoreAnswer(rec('define', 'any competition'), 'Any competition.')).toBe(true);
    expect(scoreAnswer(rec('define', 'any competition'), 'a competition')).toBe(false);
    expect(scoreAnswer(rec('first_word', 'The'), 'the')).toBe(true);
  });

  it('scoreByFamily counts correct answers per family', () => {
    const pairs = [
      { record: rec('spam', 'spam'), answer: 'spam' },
      { record: rec('spam', 'ham'), answer: 'spam' },
      { record: rec('word_count', '4'), answer: '4' },
    ];
    expect(scoreByFamily(pairs)).toEqual({ spam: { correct: 1, total: 2 }, word_count: { correct: 1, total: 1 } });
  });
});

describe('the world families', () => {
  it('take the taught answer, whatever the case and final stop, and nothing else', () => {
    const r = rec('world-held-out', 'Born in Marden.');
    expect(scoreAnswer(r, 'born in marden')).toBe(true);
    expect(scoreAnswer(r, 'Born in Garth.')).toBe(false);
    expect(scoreAnswer(r, 'Marden.')).toBe(false);
    expect(scoreAnswer(r, 'Born in Marden. Works as a baker.')).toBe(false);
  });

  it('tally format and mean confidence per family, and come out as the three rows in order with chance 1/16', () => {
    const pairs = [
      { record: rec('world-unknown', 'Born in Garth.'), answer: 'Born in Marden.', followed: true, confidence: 0.5 },
      { record: rec('world-sft', 'Born in Marden.'), answer: 'Born in Marden.', followed: true, confidence: 0.9 },
      { record: rec('world-sft', 'Works as a baker.'), answer: 'Works as a', followed: false, confidence: 0.3 },
      { record: rec('world-unknown', 'Born in Garth.'), answer: 'Born in Garth.', followed: true, confidence: 0.7 },
      { record: rec('define', 'a thing'), answer: 'a thing' },
    ];
    const tally = scoreByFamily(pairs);
    expect(tally['world-sft']).toEqual({ correct: 1, total: 2, followed: 1, confidence: expect.closeTo(0.6, 10), refused: 0, confidentlyWrong: 0 });
    expect(tally.define).toEqual({ correct: 1, total: 1 });
    const rows = worldRows(Object.entries(tally).map(([family, t]) => ({ family, ...t })));
    expect(rows.map((r) => [r.group, r.n, r.format, r.exact])).toEqual([['sft', 2, 0.5, 0.5], ['unknown', 2, 1, 0.5]]);
    expect(rows[1].confidence).toBeCloseTo(0.6, 10);
    expect(rows[0].chance).toBe(1 / 16);
    expect(rows[0].text).toMatch(/instruction tuning/);
  });

  it('count the refusal and the confidently wrong answers (wrong, not the refusal, probability >= CONFIDENT) per row', () => {
    const pairs = [
      { record: rec('world-unknown', 'Born in Garth.'), answer: "i don't know", followed: true, confidence: 0.9 },
      { record: rec('world-unknown', 'Born in Garth.'), answer: 'Born in Holm.', followed: true, confidence: CONFIDENT },
      { record: rec('world-unknown', 'Born in Garth.'), answer: 'Born in Holm.', followed: true, confidence: 0.2 },
      { record: rec('world-unknown', 'Born in Garth.'), answer: 'Born in Garth.', followed: true, confidence: 0.9 },
      { record: rec('world-held-out', 'Works as a baker.'), answer: REFUSAL, followed: true, confidence: 0.4 },
    ];
    expect(isRefusal(" I don't know ")).toBe(true);
    expect(isRefusal("I don't know where")).toBe(false);
    const rows = worldRows(Object.entries(scoreByFamily(pairs)).map(([family, t]) => ({ family, ...t })));
    expect(rows.map((r) => [r.group, r.n, r.exact, r.refused, r.confidentlyWrong])).toEqual([['held-out', 1, 0, 1, 0], ['unknown', 4, 0.25, 0.25, 0.25]]);
  });
});
