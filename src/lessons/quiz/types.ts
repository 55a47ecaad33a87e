/**
 * Types of the self-check quiz data. Plain data only: no React, no store, no engine. The store
 * keeps answers by question id; components join the two and grade with ./grading.ts.
 */

/** A question answered in one's head (or in a box), then compared with a model answer and self-marked. */
export interface SelfCheckQuestion {
  id: string;
  prompt: string;
  /** Optional lettered parts of the prompt, shown as a list under it. */
  parts?: string[];
  /** The model answer, one paragraph per entry. */
  modelAnswer: string[];
}

/** One option of a multiple-choice question. */
export interface ChoiceOption {
  id: string;
  text: string;
}

/** A multiple-choice question with exactly one right option, graded automatically. */
export interface ChoiceQuestion {
  id: string;
  prompt: string;
  options: ChoiceOption[];
  /** Id of the right option. */
  answer: string;
  /** Shown after answering, whatever the answer was. */
  explanation: string;
}

/** The answers offered for every item of the "which stage" exercise. */
export type StageChoice = 'pretraining' | 'sft' | 'both-pretraining' | 'both-sft' | 'later' | 'pretraining-later';

/** How an answer to a which-stage item grades. */
export type Verdict = 'right' | 'close' | 'wrong';

/** One behaviour of the "which stage does this come from" exercise. */
export interface StageItem {
  id: string;
  behaviour: string;
  /** The one answer that matches the expected outcome. */
  right: StageChoice;
  /** Answers that name the main source but miss part of it; each with why it is only close. */
  close: Partial<Record<StageChoice, string>>;
  /** Shown after answering: where the behaviour comes from and why. */
  explanation: string;
}

/** Which of the learner's runs a run question needs before it shows. */
export type RunNeed =
  | { kind: 'classifier'; choiceIs?: string[]; choiceIsNot?: string[] }
  | { kind: 'instruct'; masked: boolean }
  /** an instruction run whose scores hold the made-up world's held-out and unknown rows */
  | { kind: 'world' };

/**
 * A multiple-choice question about the learner's own run. Its prompt is a template whose
 * {placeholders} are filled from the run (see runQuestions.ts for the list).
 */
export interface RunQuestion extends ChoiceQuestion {
  needs: RunNeed;
  /** Route of the lesson where the learner can try it, without the leading slash. */
  tryPath: string;
  tryLabel: string;
}

/** What the quiz reads from a finished classifier run (the store's record has at least this). */
export interface ClassifierRunFacts {
  choice: string;
  trainableParams: number;
  /** Fraction in [0, 1]. */
  testAccuracy: number;
  seconds: number;
}

/** What the quiz reads from a finished instruction-tuning run. */
export interface InstructRunFacts {
  masked: boolean;
  lora: boolean;
  steps: number;
  /** Fraction in [0, 1] of samples that followed the response format. */
  formatAdherence: number;
  /** the run's scores per task family, when it was scored (the world rows are world-held-out, world-unknown, ...) */
  families?: readonly { family: string; correct: number; total: number }[];
}

/** The learner's finished runs, oldest first, as the quiz sees them. */
export interface LearnerRunsView {
  classifier: readonly ClassifierRunFacts[];
  instruct: readonly InstructRunFacts[];
}
