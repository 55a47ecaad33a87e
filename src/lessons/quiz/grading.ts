/**
 * Grading and scoring for the quiz: pure functions over the quiz data and the learner's saved
 * answers (plain records keyed by question id). No React, no store.
 */
import type { ChoiceQuestion, StageChoice, StageItem, Verdict } from './types.ts';

/** Grades one which-stage answer: the expected outcome is right, listed near-misses are close. */
export function gradeStage(item: StageItem, choice: StageChoice): Verdict {
  if (choice === item.right) return 'right';
  return choice in item.close ? 'close' : 'wrong';
}

/** Grades one multiple-choice answer. */
export function gradeChoice(q: ChoiceQuestion, optionId: string): Verdict {
  return optionId === q.answer ? 'right' : 'wrong';
}

/** Counts for one part of the quiz. */
export interface PartScore {
  total: number;
  answered: number;
  right: number;
  close: number;
}

/** Scores the which-stage exercise from the saved answers. */
export function scoreStage(items: readonly StageItem[], answers: Readonly<Record<string, string>>): PartScore {
  const s: PartScore = { total: items.length, answered: 0, right: 0, close: 0 };
  for (const item of items) {
    const a = answers[item.id];
    if (a === undefined) continue;
    s.answered++;
    const v = gradeStage(item, a as StageChoice);
    if (v === 'right') s.right++;
    else if (v === 'close') s.close++;
  }
  return s;
}

/** Scores multiple-choice questions from the saved answers. */
export function scoreChoices(questions: readonly ChoiceQuestion[], answers: Readonly<Record<string, string>>): PartScore {
  const s: PartScore = { total: questions.length, answered: 0, right: 0, close: 0 };
  for (const q of questions) {
    const a = answers[q.id];
    if (a === undefined) continue;
    s.answered++;
    if (gradeChoice(q, a) === 'right') s.right++;
  }
  return s;
}

/** Scores self-marked questions: "got it" counts as right, "not yet" as answered. */
export function scoreSelfMarks(ids: readonly string[], marks: Readonly<Record<string, 'got-it' | 'not-yet'>>): PartScore {
  const s: PartScore = { total: ids.length, answered: 0, right: 0, close: 0 };
  for (const id of ids) {
    const m = marks[id];
    if (!m) continue;
    s.answered++;
    if (m === 'got-it') s.right++;
  }
  return s;
}

/** Adds part scores together. */
export function sumScores(parts: readonly PartScore[]): PartScore {
  return parts.reduce((a, p) => ({ total: a.total + p.total, answered: a.answered + p.answered, right: a.right + p.right, close: a.close + p.close }), { total: 0, answered: 0, right: 0, close: 0 });
}
