import { describe, expect, it } from 'vitest';
import { duration, paramCount, percent, visibleRunQuestions } from './runQuestions.ts';
import type { ClassifierRunFacts, InstructRunFacts } from './types.ts';

const allRun: ClassifierRunFacts = { choice: 'all', trainableParams: 2_413_570, testAccuracy: 0.9612, seconds: 185 };
const headRun: ClassifierRunFacts = { choice: 'head', trainableParams: 258, testAccuracy: 0.8125, seconds: 31 };
const masked: InstructRunFacts = { masked: true, lora: false, steps: 400, formatAdherence: 0.75 };
const unmaskedLora: InstructRunFacts = { masked: false, lora: true, steps: 120, formatAdherence: 0.5 };

describe('run questions', () => {
  it('shows nothing without runs', () => {
    expect(visibleRunQuestions({ classifier: [], instruct: [] })).toEqual([]);
  });

  it('asks about training only the head after a full run, with the run\'s numbers', () => {
    const v = visibleRunQuestions({ classifier: [allRun], instruct: [] });
    expect(v.map((x) => x.question.id)).toEqual(['run-classifier-head-only']);
    expect(v[0].prompt).toContain('96.1% test accuracy');
    expect(v[0].prompt).toContain('2.4 million trainable parameters');
    expect(v[0].prompt).toContain('3 min 5 s');
    expect(v[0].prompt).toContain('every weight trainable');
    expect(v[0].prompt).not.toMatch(/\{\w+\}/);
  });

  it('asks about unfreezing after a head-only run, and uses the latest matching run', () => {
    const older = { ...headRun, testAccuracy: 0.5 };
    const v = visibleRunQuestions({ classifier: [older, headRun], instruct: [] });
    expect(v.map((x) => x.question.id)).toEqual(['run-classifier-unfreeze']);
    expect(v[0].prompt).toContain('81.3%');
    expect(v[0].prompt).toContain('258 trainable');
    const both = visibleRunQuestions({ classifier: [headRun, allRun], instruct: [] });
    expect(both.map((x) => x.question.id)).toEqual(['run-classifier-head-only', 'run-classifier-unfreeze']);
  });

  it('picks the instruct question by whether the prompt was masked', () => {
    const m = visibleRunQuestions({ classifier: [], instruct: [masked] });
    expect(m.map((x) => x.question.id)).toEqual(['run-instruct-unmask']);
    expect(m[0].prompt).toContain('after 400 steps');
    expect(m[0].prompt).toContain('75.0%');
    expect(m[0].prompt).not.toContain('LoRA');
    const u = visibleRunQuestions({ classifier: [], instruct: [unmaskedLora] });
    expect(u.map((x) => x.question.id)).toEqual(['run-instruct-mask']);
    expect(u[0].prompt).toContain('run (with LoRA) trained on every token');
  });

  it('asks about the world rows with the learner\'s own numbers, only when both were scored', () => {
    const families = [
      { family: 'define', correct: 0, total: 2 },
      { family: 'world-held-out', correct: 7, total: 10 },
      { family: 'world-unknown', correct: 1, total: 10 },
    ];
    const v = visibleRunQuestions({ classifier: [], instruct: [{ ...masked, families }] });
    expect(v.map((x) => x.question.id)).toEqual(['run-instruct-unmask', 'run-world-held-out', 'run-world-unknown']);
    expect(v[1].prompt).toContain('got 70.0% right (10 questions) about people');
    expect(v[1].prompt).toContain('guessing gets 6.3%');
    expect(v[2].prompt).toContain('right 10.0% of the time (10 questions;');
    const one = visibleRunQuestions({ classifier: [], instruct: [{ ...masked, families: families.map((f) => ({ ...f, correct: 1, total: 1 })) }] });
    expect(one[1].prompt).toContain('(1 question)');
    for (const q of v) expect(q.prompt).not.toMatch(/\{\w+\}/);
    // Without the unknown row (a sample too small to reach it) the world questions stay hidden.
    const partial = visibleRunQuestions({ classifier: [], instruct: [{ ...masked, families: families.slice(0, 2) }] });
    expect(partial.map((x) => x.question.id)).toEqual(['run-instruct-unmask']);
  });

  it('formats numbers', () => {
    expect(percent(0.9346)).toBe('93.5%');
    expect(paramCount(1538)).toBe('1,538');
    expect(paramCount(2_400_000)).toBe('2.4 million');
    expect(duration(42.4)).toBe('42 s');
    expect(duration(305)).toBe('5 min 5 s');
  });
});
