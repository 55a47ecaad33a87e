/**
 * The learner's quiz progress: self-marks, notes typed in the answer boxes, revealed model
 * answers, and the checked option of every graded question. Plain records keyed by question id;
 * grading lives with the quiz data (src/lessons/quiz/grading.ts), not here. Saved to localStorage
 * after every change, so progress survives a reload; resetQuiz clears it.
 */
import type { StateCreator } from 'zustand';
import { forget, isRecord, loadSaved, recordOf, save } from './persist.ts';

export const QUIZ_KEY = 'webgpu-llm-lab.quiz.v1';

/** How a learner marked a self-check answer. */
export type SelfMark = 'got-it' | 'not-yet';

export interface QuizProgress {
  /** Self-check question id -> the learner's own mark. */
  marks: Record<string, SelfMark>;
  /** Self-check question id -> what the learner wrote in the answer box. */
  notes: Record<string, string>;
  /** Self-check question id -> true once the model answer was revealed. */
  revealed: Record<string, boolean>;
  /** Graded question id (which-stage, multiple choice, run questions) -> checked option id. */
  answers: Record<string, string>;
}

export const EMPTY_QUIZ: QuizProgress = { marks: {}, notes: {}, revealed: {}, answers: {} };

export interface QuizSlice {
  quiz: QuizProgress;
  revealAnswer(id: string): void;
  setNote(id: string, text: string): void;
  markSelf(id: string, mark: SelfMark): void;
  /** Records the checked option of a graded question (replacing an earlier one). */
  answerQuestion(id: string, optionId: string): void;
  resetQuiz(): void;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isMark = (v: unknown): v is SelfMark => v === 'got-it' || v === 'not-yet';
const isTrue = (v: unknown): v is boolean => v === true;

/** Validates saved quiz progress, keeping the well-formed entries; undefined when it is not an object. */
export function parseQuiz(x: unknown): QuizProgress | undefined {
  if (!isRecord(x)) return undefined;
  return { marks: recordOf(x.marks, isMark), notes: recordOf(x.notes, isString), revealed: recordOf(x.revealed, isTrue), answers: recordOf(x.answers, isString) };
}

export const createQuizSlice: StateCreator<QuizSlice, [], [], QuizSlice> = (set, get) => {
  const update = (f: (q: QuizProgress) => QuizProgress) => {
    set((s) => ({ quiz: f(s.quiz) }));
    save(QUIZ_KEY, get().quiz);
  };
  return {
    quiz: loadSaved(QUIZ_KEY, parseQuiz) ?? EMPTY_QUIZ,
    revealAnswer: (id) => update((q) => ({ ...q, revealed: { ...q.revealed, [id]: true } })),
    setNote: (id, text) => update((q) => ({ ...q, notes: { ...q.notes, [id]: text } })),
    markSelf: (id, mark) => update((q) => ({ ...q, marks: { ...q.marks, [id]: mark } })),
    answerQuestion: (id, optionId) => update((q) => ({ ...q, answers: { ...q.answers, [id]: optionId } })),
    resetQuiz: () => {
      set({ quiz: EMPTY_QUIZ });
      forget(QUIZ_KEY);
    },
  };
};
