import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import { createFlashcardsSlice, FLASHCARDS_KEY, type FlashcardsSlice } from './flashcardsSlice.ts';
import { memoryStorage } from './persist.ts';
import { createQuizSlice, QUIZ_KEY, type QuizSlice } from './quizSlice.ts';
import { createRunsSlice, MAX_RUNS, RUNS_KEY, type RunsSlice } from './runsSlice.ts';

// A "reload" is a fresh store created over the same storage: what it starts with is what was saved.
let storage: ReturnType<typeof memoryStorage>;
beforeEach(() => {
  storage = memoryStorage();
  vi.stubGlobal('localStorage', storage);
});
afterEach(() => vi.unstubAllGlobals());

const quizStore = () => create<QuizSlice>()((...a) => createQuizSlice(...a));
const cardStore = () => create<FlashcardsSlice>()((...a) => createFlashcardsSlice(...a));
const runStore = () => create<RunsSlice>()((...a) => createRunsSlice(...a));

describe('quiz progress', () => {
  it('survives a reload and is cleared by reset', () => {
    const s = quizStore();
    s.getState().answerQuestion('stage-facts', 'pretraining');
    s.getState().answerQuestion('stage-facts', 'sft'); // a second check replaces the first
    s.getState().markSelf('lora', 'got-it');
    s.getState().setNote('lora', 'low-rank matrices');
    s.getState().revealAnswer('lora');
    const again = quizStore().getState().quiz;
    expect(again).toEqual({ marks: { lora: 'got-it' }, notes: { lora: 'low-rank matrices' }, revealed: { lora: true }, answers: { 'stage-facts': 'sft' } });
    s.getState().resetQuiz();
    expect(storage.data.has(QUIZ_KEY)).toBe(false);
    expect(quizStore().getState().quiz.answers).toEqual({});
  });

  it('falls back to empty progress on damaged storage and drops bad entries', () => {
    storage.setItem(QUIZ_KEY, '{not json');
    expect(quizStore().getState().quiz.marks).toEqual({});
    storage.setItem(QUIZ_KEY, JSON.stringify({ marks: { a: 'got-it', b: 'maybe' }, answers: { c: 3, d: 'b' } }));
    const q = quizStore().getState().quiz;
    expect(q.marks).toEqual({ a: 'got-it' });
    expect(q.answers).toEqual({ d: 'b' });
    expect(q.notes).toEqual({});
  });
});

describe('flashcard progress', () => {
  it('keeps boxes, shuffle seed, mode and position across a reload', () => {
    const s = cardStore();
    s.getState().rateCard('lora', true);
    s.getState().rateCard('lora', true);
    s.getState().rateCard('peft', false);
    s.getState().setShuffle(1234);
    s.getState().setCardPosition(5);
    const p = cardStore().getState().flashcards;
    expect(p.leitner.cards).toEqual({ lora: { box: 3, due: 5 }, peft: { box: 1, due: 2 } });
    expect(p.shuffleSeed).toBe(1234);
    expect(p.position).toBe(5);
    s.getState().setCardMode('due');
    expect(cardStore().getState().flashcards.mode).toBe('due');
    expect(cardStore().getState().flashcards.position).toBe(0);
    s.getState().resetFlashcards();
    expect(storage.data.has(FLASHCARDS_KEY)).toBe(false);
    expect(cardStore().getState().flashcards.leitner.cards).toEqual({});
  });
});

describe('runs summary', () => {
  it('is empty by default, keeps appended runs across a reload, at most MAX_RUNS each', () => {
    const s = runStore();
    expect(s.getState().runs).toEqual({ classifier: [], instruct: [] });
    for (let i = 0; i < MAX_RUNS + 3; i++) s.getState().addClassifierRun({ choice: 'head', trainableParams: 258, testAccuracy: i / 100, seconds: 10, finishedAt: i });
    s.getState().addInstructRun({ masked: true, lora: false, steps: 100, formatAdherence: 0.5, finishedAt: 1 });
    const r = runStore().getState().runs;
    expect(r.classifier).toHaveLength(MAX_RUNS);
    expect(r.classifier[0].finishedAt).toBe(3);
    expect(r.instruct).toEqual([{ masked: true, lora: false, steps: 100, formatAdherence: 0.5, finishedAt: 1 }]);
  });

  it('drops malformed saved runs', () => {
    storage.setItem(RUNS_KEY, JSON.stringify({ classifier: [{ choice: 'all', trainableParams: 5, testAccuracy: 1.7, seconds: 1, finishedAt: 0 }, { choice: 'lora', trainableParams: 5, testAccuracy: 0.7, seconds: 1, finishedAt: 0 }], instruct: 'x' }));
    const r = runStore().getState().runs;
    expect(r.classifier.map((c) => c.choice)).toEqual(['lora']);
    expect(r.instruct).toEqual([]);
  });
});
