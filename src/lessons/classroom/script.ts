/**
 * The classroom demo as data: an ordered list of steps a teacher walks through on a projector in
 * 10 to 20 minutes, from raw text to an instruction-tuned model and one quiz question. Each step
 * names the lab page where the same thing lives, the view the projector shows, the commands it runs
 * (by their names in src/store/commands.ts COMMANDS or src/store/api.ts; a unit test checks they
 * exist), what to point at and what to say. Training steps carry the recipe per model size and the
 * shipped stage their "skip" loads. Fixed prompts and seeds, so a rehearsal and the class see the
 * same text. Data only: no code paths, no UI.
 */
import { CLASSIFY_RECIPE } from '../classify/recipe.ts';
import { recipe, type Recipe } from '../recipe.ts';

/** What the projector draws for a step (src/components/classroom/views has one view per name). */
export type ClassroomView = 'text' | 'pairs' | 'pretrain' | 'base-writes' | 'spam' | 'base-vs-instruct' | 'quiz';

/** Commands a step runs, by name: COMMANDS keys (store/commands.ts) or api.ts functions. */
export type CommandName = 'startRun' | 'loadRun' | 'pauseRun' | 'resumeRun' | 'startFinetune' | 'sampleFrom' | 'classifyText';

/** The two model sizes the demo knows: 'small' on a real GPU, 'test' on a software adapter or slow machine. */
export type DemoSize = 'small' | 'test';

/** A step that trains: its recipe for each size, and the shipped stage "skip" loads instead. */
export interface TrainPlan {
  /** the kind of run (pretraining from scratch, or a classification finetune from the base) */
  kind: 'pretrain' | 'classify';
  /** the recipe the live run uses; the shipped checkpoint of `stage` was made by the same one */
  recipes: Record<DemoSize, Recipe>;
  /** manifest stage (public/models/manifest.json) of the checkpoint "skip" loads */
  stage: 'pretrain' | 'classify';
}

export interface ClassroomStep {
  id: string;
  title: string;
  /** route of the lab page where this step lives in full (an area path of src/lessons/areas.ts) */
  page: string;
  view: ClassroomView;
  commands: CommandName[];
  /** what the teacher points at on the projector */
  pointAt: string;
  /** the teacher's notes, one point a line, in the lab's own words */
  talk: string[];
  /** planned minutes, for the presenter's timer */
  minutes: number;
  /** true when the step needs WebGPU to be shown live (without it the step says so) */
  needsGpu: boolean;
  train?: TrainPlan;
}

/** Seed of every sample the demo draws: the rehearsal and the class see the same text. */
export const DEMO_SEED = 7;

/** Sampling of the demo's generations: a little randomness, fixed by DEMO_SEED. */
export const DEMO_SAMPLING = { temperature: 0.8, topK: 40, topP: 1, seed: DEMO_SEED, maxTokens: 40 };

/** The prompt the base model continues (Brown's news text starts like this). */
export const BASE_PROMPT = 'The jury said';

/** The one request both the base and the instruct model get, wrapped in the instruction template for both. */
export const COMPARE_PROMPT = 'Define the noun "time".';

/** The spam message shown until the class suggests its own. */
export const SPAM_EXAMPLE = 'Congratulations! You have won a free cruise. Reply now with your bank details to claim the prize.';

/** The quiz question of the last step (src/lessons/quiz/multipleChoice.ts). */
export const QUIZ_QUESTION = 'mc-base-summarize';

/** Characters of raw corpus text the first step shows. */
export const RAW_CHARS = 320;

/** Tokens of the next-token pairs step. */
export const PAIR_TOKENS = 10;

/** The pretraining recipes of the shipped bases (public/models/README.md and the main README). */
const PRETRAIN_RECIPES: Record<DemoSize, Recipe> = {
  small: recipe({ preset: 'small', steps: 3200, batch: 8, lr: 3e-3, warmup: 100 }), // Brown + the world's biographies at the default mix (0.8)
  test: recipe({ preset: 'test', steps: 300, batch: 16, lr: 1e-2, warmup: 50 }),
};

/** Lesson 2's recipe, on whichever base the demo uses. */
const CLASSIFY_RECIPES: Record<DemoSize, Recipe> = {
  small: { ...CLASSIFY_RECIPE, preset: 'small' },
  test: { ...CLASSIFY_RECIPE, preset: 'test' },
};

export const CLASSROOM_SCRIPT: ClassroomStep[] = [
  {
    id: 'raw-text',
    title: 'What the model reads',
    page: 'lesson/pretrain',
    view: 'text',
    commands: [],
    pointAt: 'The plain paragraph at the top, then the coloured boxes under it: each box is one token, its number below.',
    talk: [
      'This is the training data: ordinary sentences from a collection of American English, no labels, no answers.',
      'The model never sees letters as we do. A fixed vocabulary of 1,024 pieces cuts the text up; each piece is a number.',
      'Common words are one piece; rare ones are glued from several.',
    ],
    minutes: 2,
    needsGpu: false,
  },
  {
    id: 'pairs',
    title: 'One text, many questions',
    page: 'lesson/pretrain',
    view: 'pairs',
    commands: [],
    pointAt: 'Read one column down: the input row is what the model has seen so far, the target row is the token it must guess.',
    talk: [
      'The whole training task: given the tokens so far, guess the next one.',
      'One window of text gives a question at every position, so nobody has to write labels: the text labels itself.',
    ],
    minutes: 2,
    needsGpu: false,
  },
  {
    id: 'pretrain',
    title: 'Pretraining, live',
    page: 'lesson/pretrain',
    view: 'pretrain',
    commands: ['startRun', 'pauseRun'],
    pointAt: 'The loss line: it starts near the cost of a blind guess among 1,024 tokens and falls as the model learns which tokens follow which.',
    talk: [
      'This is training, happening now on this laptop\'s graphics card, in the browser.',
      'The loss measures surprise at the right next token. Lower means better guesses.',
      'We can stop whenever we like and load a model trained earlier with exactly these settings.',
    ],
    minutes: 4,
    needsGpu: true,
    train: { kind: 'pretrain', recipes: PRETRAIN_RECIPES, stage: 'pretrain' },
  },
  {
    id: 'base-writes',
    title: 'The base model writes',
    page: 'playground',
    view: 'base-writes',
    commands: ['sampleFrom'],
    pointAt: 'The text after the prompt: everything in it was chosen one token at a time by the model.',
    talk: [
      'A model that only learned to continue text is called a base model. It writes more of whatever it is given.',
      'It picks up spelling, grammar and the style of its books; facts and sense come much later, with far more data.',
      'The seed is fixed, so this is the same text we saw when rehearsing.',
    ],
    minutes: 2,
    needsGpu: true,
  },
  {
    id: 'spam',
    title: 'A spam detector from the base',
    page: 'lesson/classify',
    view: 'spam',
    commands: ['startFinetune', 'classifyText'],
    pointAt: 'The message the class suggested and the bar under it: the classifier\'s chance that it is spam.',
    talk: [
      'Classification finetuning swaps the word-guessing output for a small head with two answers: spam or not spam.',
      'It starts from the base model, so it begins already knowing how English looks, and learns from labelled e-mails.',
      'Ask the class for a message; type it on the presenter screen.',
    ],
    minutes: 3,
    needsGpu: true,
    train: { kind: 'classify', recipes: CLASSIFY_RECIPES, stage: 'classify' },
  },
  {
    id: 'base-vs-instruct',
    title: 'Base versus instruction-tuned',
    page: 'playground',
    view: 'base-vs-instruct',
    commands: ['sampleFrom'],
    pointAt: 'Left, the base model; right, the same model after instruction tuning. Same request, same seed.',
    talk: [
      'Instruction tuning trains on pairs of a request and a good answer, with the same next-token objective.',
      'The base treats the request as text to continue; the tuned model answers in the shape it was shown and stops.',
      'Tuning teaches when and how to answer, not new knowledge: what the answer contains still comes from pretraining.',
    ],
    minutes: 3,
    needsGpu: true,
  },
  {
    id: 'quiz',
    title: 'One question for the room',
    page: 'quiz',
    view: 'quiz',
    commands: [],
    pointAt: 'The four answers: let the room vote with hands, then reveal.',
    talk: [
      'Ask for a show of hands on each answer before revealing.',
      'The base model keeps writing: turning a prompt into a request to carry out is what instruction tuning adds.',
    ],
    minutes: 2,
    needsGpu: false,
  },
];
