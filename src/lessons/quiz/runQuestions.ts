/**
 * Questions about the learner's own finished runs, and the pure function that picks the ones
 * that apply and fills in their numbers. A question shows only when a matching run exists; it
 * always uses the latest such run. Placeholders: classifier {choice} {accuracy} {params} {seconds};
 * instruct {steps} {format} {lora}; world (an instruct run scored on the made-up world) {steps}
 * {heldOut} {heldOutN} {unknown} {unknownN} {chance}. No React, no store: components pass the runs in.
 */
import type { ClassifierRunFacts, InstructRunFacts, LearnerRunsView, RunQuestion } from './types.ts';

/** How each classifier choice reads inside a sentence. */
const CHOICE_TEXT: Record<string, string> = {
  head: 'only the new head trainable',
  'last-block': 'the last transformer block and the head trainable',
  all: 'every weight trainable',
  lora: 'LoRA',
};

export const RUN_QUESTIONS: RunQuestion[] = [
  {
    id: 'run-classifier-head-only',
    needs: { kind: 'classifier', choiceIsNot: ['head'] },
    prompt: 'Your spam classifier, trained with {choice}, reached {accuracy} test accuracy with {params} trainable parameters in {seconds}. If you froze everything except the new classification head, what would you expect?',
    options: [
      { id: 'a', text: 'Far fewer trainable parameters and cheaper steps; accuracy usually somewhat lower, because the body cannot adapt' },
      { id: 'b', text: 'Higher accuracy, because fewer trainable parameters always generalise better' },
      { id: 'c', text: 'The same number of trainable parameters' },
      { id: 'd', text: 'No learning at all, because a frozen body gives the head nothing to work with' },
    ],
    answer: 'a',
    explanation: 'The head is a tiny fraction of the model, so each step costs less. The pretrained features already carry a lot, so the head alone does learn, but without letting later layers adjust it tends to finish lower. Train only the head and compare with this run.',
    tryPath: 'lesson/classify',
    tryLabel: 'Try it: train only the head',
  },
  {
    id: 'run-classifier-unfreeze',
    needs: { kind: 'classifier', choiceIs: ['head'] },
    prompt: 'Your spam classifier, trained with {choice}, reached {accuracy} test accuracy with {params} trainable parameters in {seconds}. What would you expect if the last transformer block trained as well?',
    options: [
      { id: 'a', text: 'More trainable parameters and slower steps; accuracy usually a little higher' },
      { id: 'b', text: 'Lower accuracy, because more trainable parameters always overfit' },
      { id: 'c', text: 'Identical results, because only the head decides the class' },
      { id: 'd', text: 'The model forgets everything pretraining taught it' },
    ],
    answer: 'a',
    explanation: 'Letting the last block adapt gives the head features tuned to spam, at the price of more parameters to update each step. Unfreeze the last block and compare with this run.',
    tryPath: 'lesson/classify',
    tryLabel: 'Try it: train the last block too',
  },
  {
    id: 'run-instruct-unmask',
    needs: { kind: 'instruct', masked: true },
    prompt: 'Your instruction-tuning run{lora} kept the prompt tokens out of the loss and, after {steps} steps, followed the response format in {format} of its samples. What would change if the loss covered the prompt tokens too?',
    options: [
      { id: 'a', text: 'Part of the training signal would go into predicting prompts the model never has to write, so the answer format may be learned more slowly' },
      { id: 'b', text: 'The model would learn new facts from the prompts' },
      { id: 'c', text: 'Nothing: the mask only makes training faster' },
      { id: 'd', text: 'The model could no longer read the prompt' },
    ],
    answer: 'a',
    explanation: 'Without the mask the loss also rewards reproducing the instruction. The model reads the prompt either way (attention sees it), but its effort is split. Train it both ways and compare the format adherence.',
    tryPath: 'lesson/instruct',
    tryLabel: 'Try it: train without the mask',
  },
  {
    id: 'run-instruct-mask',
    needs: { kind: 'instruct', masked: false },
    prompt: 'Your instruction-tuning run{lora} trained on every token, prompt included, and after {steps} steps followed the response format in {format} of its samples. What would masking the prompt out of the loss change?',
    options: [
      { id: 'a', text: 'The whole training signal would go to the response tokens, so training concentrates on answering' },
      { id: 'b', text: 'The model could no longer see the prompt' },
      { id: 'c', text: 'The model would learn the prompts by heart' },
      { id: 'd', text: 'Nothing at all' },
    ],
    answer: 'a',
    explanation: 'Masking zeroes the loss at prompt positions. The prompt is still read, but all of the learning goes into writing the answer. Train it with the mask and compare the format adherence.',
    tryPath: 'lesson/instruct',
    tryLabel: 'Try it: train with the mask',
  },
  {
    id: 'run-world-held-out',
    needs: { kind: 'world' },
    prompt: 'After {steps} steps of tuning, your model got {heldOut} right ({heldOutN}) about people it had only read about in pretraining, never in the tuning set (guessing gets {chance}). Where did the right answers come from?',
    options: [
      { id: 'a', text: 'From pretraining: the biographies put the facts into the weights, and tuning taught the model to answer with them when asked' },
      { id: 'b', text: 'From tuning: the tuning set taught it these people\'s facts' },
      { id: 'c', text: 'From the question itself, which contains the answer' },
      { id: 'd', text: 'From the end-of-text token, which tells the model when the answer is right' },
    ],
    answer: 'a',
    explanation: 'These people are in no tuning example, so tuning cannot have taught their facts. What tuning taught is the shape "Born in …" and that a question calls for it; the town itself had to be in the weights already. Compare this row with the one for people never seen.',
    tryPath: 'lesson/instruct',
    tryLabel: 'Try it: ask about the world',
  },
  {
    id: 'run-world-unknown',
    needs: { kind: 'world' },
    prompt: 'About people who appear in no training text, your tuned model was right {unknown} of the time ({unknownN}; guessing gets {chance}). What do its answers to them look like?',
    options: [
      { id: 'a', text: 'Well-formed and sure of themselves, naming some town, but wrong most of the time' },
      { id: 'b', text: '"I don\'t know", because the model notices it never saw the name' },
      { id: 'c', text: 'Empty, because there is nothing to say' },
      { id: 'd', text: 'Mostly right, because tuning generalises to new people' },
    ],
    answer: 'a',
    explanation: 'Tuning showed only good answers, never which answers to avoid, so it taught the model to always produce one. With nothing stored about the person, the town is a guess delivered with the same confidence: saying "I don\'t know" has to be taught by a later stage.',
    tryPath: 'lesson/instruct',
    tryLabel: 'Try it: compare the three world rows',
  },
];

/** A run question with its prompt filled from the learner's latest matching run. */
export interface FilledRunQuestion {
  question: RunQuestion;
  prompt: string;
}

/** Formats a fraction in [0, 1] as a percentage with one decimal, e.g. 0.9346 -> "93.5%". */
export function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}

/** Formats a parameter count compactly, e.g. 1538 -> "1,538", 2_400_000 -> "2.4 million". */
export function paramCount(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)} million` : Math.round(n).toLocaleString('en-US');
}

/** Formats seconds as "42 s" or "3 min 5 s". */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (m, key: string) => values[key] ?? m);
}

function classifierValues(r: ClassifierRunFacts): Record<string, string> {
  return { choice: CHOICE_TEXT[r.choice] ?? r.choice, accuracy: percent(r.testAccuracy), params: paramCount(r.trainableParams), seconds: duration(r.seconds) };
}

/** The world rows of an instruct run's scores, when both the held-out and the unknown rows were scored. */
function worldValues(r: InstructRunFacts): Record<string, string> | undefined {
  const f = (name: string) => r.families?.find((x) => x.family === name && x.total > 0);
  const held = f('world-held-out');
  const unknown = f('world-unknown');
  if (!held || !unknown) return undefined;
  const questions = (n: number) => `${n} question${n === 1 ? '' : 's'}`;
  return {
    steps: String(r.steps), heldOut: percent(held.correct / held.total), heldOutN: questions(held.total),
    unknown: percent(unknown.correct / unknown.total), unknownN: questions(unknown.total), chance: percent(1 / 16),
  };
}

function instructValues(r: InstructRunFacts): Record<string, string> {
  return { steps: String(r.steps), format: percent(r.formatAdherence), lora: r.lora ? ' (with LoRA)' : '' };
}

/**
 * The run questions that apply to these runs, in the order of `questions`, each filled from the
 * latest run that matches its need. With no runs, the list is empty.
 */
export function visibleRunQuestions(runs: LearnerRunsView, questions: readonly RunQuestion[] = RUN_QUESTIONS): FilledRunQuestion[] {
  const out: FilledRunQuestion[] = [];
  for (const q of questions) {
    const need = q.needs;
    if (need.kind === 'classifier') {
      const run = runs.classifier.findLast(
        (r) => (!need.choiceIs || need.choiceIs.includes(r.choice)) && !need.choiceIsNot?.includes(r.choice),
      );
      if (run) out.push({ question: q, prompt: fill(q.prompt, classifierValues(run)) });
    } else if (need.kind === 'world') {
      const run = runs.instruct.findLast((r) => worldValues(r) !== undefined);
      if (run) out.push({ question: q, prompt: fill(q.prompt, worldValues(run)!) });
    } else {
      const run = runs.instruct.findLast((r) => r.masked === need.masked);
      if (run) out.push({ question: q, prompt: fill(q.prompt, instructValues(run)) });
    }
  }
  return out;
}
