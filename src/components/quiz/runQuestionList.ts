/**
 * Joins the store's run summaries to the quiz's run questions: the one place that decides which
 * run questions a learner sees (the run questions section and the score both use it).
 */
import { type FilledRunQuestion, visibleRunQuestions } from '../../lessons/quiz/runQuestions.ts';
import type { LabState } from '../../store/index.ts';

/** The run questions that apply to the learner's finished runs in this state; none without runs. */
export function runQuestionsFor(state: Pick<LabState, 'runs'>): FilledRunQuestion[] {
  return visibleRunQuestions(state.runs);
}
