import { describe, expect, it } from 'vitest';
import { MULTIPLE_CHOICE } from './multipleChoice.ts';
import { RUN_QUESTIONS } from './runQuestions.ts';
import { SELF_CHECK } from './selfCheck.ts';
import { STAGE_ITEMS } from './whichStage.ts';

// The quiz data must be well formed: the store keys answers by id, so ids must be unique, and
// every keyed answer must be one of the offered options.
describe('quiz data', () => {
  it('uses unique ids across every part', () => {
    const ids = [...SELF_CHECK, ...STAGE_ITEMS, ...MULTIPLE_CHOICE, ...RUN_QUESTIONS].map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('covers the six self-check topics', () => {
    expect(SELF_CHECK.map((q) => q.id)).toEqual(['base-vs-instruct', 'sft-no-new-knowledge', 'what-not-to-predict', 'lora', 'stage-of-behaviours', 'volume-drop']);
    for (const q of SELF_CHECK) expect(q.modelAnswer.join(' ').length).toBeGreaterThan(200);
  });

  it('keys every choice question to one of its own options, with unique option ids', () => {
    for (const q of [...MULTIPLE_CHOICE, ...RUN_QUESTIONS]) {
      const ids = q.options.map((o) => o.id);
      expect(new Set(ids).size, q.id).toBe(ids.length);
      expect(ids, q.id).toContain(q.answer);
      expect(q.options.length, q.id).toBeGreaterThanOrEqual(3);
    }
  });
});
