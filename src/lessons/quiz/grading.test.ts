import { describe, expect, it } from 'vitest';
import { gradeChoice, gradeStage, scoreChoices, scoreSelfMarks, scoreStage, sumScores } from './grading.ts';
import { MULTIPLE_CHOICE } from './multipleChoice.ts';
import type { StageChoice } from './types.ts';
import { STAGE_CHOICES, STAGE_ITEMS } from './whichStage.ts';

// The expected outcomes of shared/seeds/004's six-item exercise, written out independently of the
// data: 1 pretraining; 2 SFT; 3 SFT primarily (some preference tuning); 4 and 5 a stage after SFT;
// 6 pretraining sets the cutoff, a later stage teaches admitting it.
const SEED_EXPECTED: StageChoice[] = ['pretraining', 'sft', 'sft', 'later', 'later', 'pretraining-later'];

// The full grading table we designed: every item x every choice. r = right, c = close, . = wrong.
// Columns: pretraining, sft, both-pretraining, both-sft, later, pretraining-later.
const TABLE = [
  'r . c . . .', // 1 population of France: a fact, pretraining; "both, pretraining bigger" is close
  '. r . c . .', // 2 translation instead of continuation: SFT; "both, SFT bigger" is close
  '. r . c . .', // 3 structured recipe: SFT primarily; "both, SFT bigger" is close
  '. . . . r .', // 4 refusal: only a later stage
  '. . . . r .', // 5 hedging: only a later stage
  '. . . . c r', // 6 cutoff: pretraining + later; "later" alone is close, "pretraining" alone wrong
];
const LETTER = { r: 'right', c: 'close', '.': 'wrong' } as const;

describe('which-stage exercise', () => {
  it('has the six items of the seed, in order', () => {
    expect(STAGE_ITEMS).toHaveLength(6);
    expect(STAGE_ITEMS.map((i) => i.right)).toEqual(SEED_EXPECTED);
  });

  it('grades the seed\'s expected outcome as right and nothing else as right', () => {
    STAGE_ITEMS.forEach((item, k) => {
      const rights = STAGE_CHOICES.filter((c) => gradeStage(item, c.id) === 'right').map((c) => c.id);
      expect(rights, item.id).toEqual([SEED_EXPECTED[k]]);
    });
  });

  it('grades every item x choice as in the designed table', () => {
    STAGE_ITEMS.forEach((item, k) => {
      const got = STAGE_CHOICES.map((c) => gradeStage(item, c.id));
      expect(got, item.id).toEqual(TABLE[k].split(' ').map((l) => LETTER[l as keyof typeof LETTER]));
    });
  });

  it('never grades SFT alone as right for the behaviours that need a later stage', () => {
    for (const item of STAGE_ITEMS.slice(3)) expect(gradeStage(item, 'sft')).toBe('wrong');
  });

  it('explains every item and every close answer', () => {
    for (const item of STAGE_ITEMS) {
      expect(item.explanation.length).toBeGreaterThan(40);
      for (const note of Object.values(item.close)) expect(note!.length).toBeGreaterThan(40);
      expect(Object.keys(item.close)).not.toContain(item.right);
    }
  });

  it('scores saved answers: right, close, wrong and unanswered', () => {
    const answers = { 'stage-facts': 'pretraining', 'stage-translate': 'both-sft', 'stage-refusal': 'sft' };
    expect(scoreStage(STAGE_ITEMS, answers)).toEqual({ total: 6, answered: 3, right: 1, close: 1 });
    const all = Object.fromEntries(STAGE_ITEMS.map((i, k) => [i.id, SEED_EXPECTED[k]]));
    expect(scoreStage(STAGE_ITEMS, all)).toEqual({ total: 6, answered: 6, right: 6, close: 0 });
  });
});

describe('multiple choice', () => {
  it('grades only the keyed option as right', () => {
    const q = MULTIPLE_CHOICE.find((x) => x.id === 'mc-loss-mask')!;
    expect(gradeChoice(q, 'b')).toBe('right');
    for (const o of ['a', 'c', 'd']) expect(gradeChoice(q, o)).toBe('wrong');
  });

  it('scores answers and sums the parts', () => {
    const answers = { 'mc-base-summarize': 'b', 'mc-sft-objective': 'c', 'mc-perplexity': 'b' };
    const mc = scoreChoices(MULTIPLE_CHOICE, answers);
    expect(mc).toEqual({ total: MULTIPLE_CHOICE.length, answered: 3, right: 2, close: 0 });
    const self = scoreSelfMarks(['x', 'y', 'z'], { x: 'got-it', y: 'not-yet' });
    expect(self).toEqual({ total: 3, answered: 2, right: 1, close: 0 });
    expect(sumScores([mc, self])).toEqual({ total: MULTIPLE_CHOICE.length + 3, answered: 5, right: 3, close: 0 });
  });

  it('the perplexity question is keyed to e^loss', () => {
    const q = MULTIPLE_CHOICE.find((x) => x.id === 'mc-perplexity')!;
    const right = q.options.find((o) => o.id === q.answer)!;
    expect(Math.exp(2.08)).toBeCloseTo(8, 0);
    expect(right.text).toContain('8');
  });
});
