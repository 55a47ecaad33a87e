/**
 * The three-stages overview as data: a short introduction and, for each stage, the words of its
 * column (supervision source, objective, goal, what the example shows). Written in the lab's own
 * words from the facts in ../shared/seeds/. The page draws the examples and the learner's status;
 * nothing here refers to the engine.
 */
import type { Lesson } from '../types.ts';

/** The words of one column of the overview. */
export interface StageText {
  /** which stage; matches the run kinds of the engine */
  kind: 'pretrain' | 'classify' | 'instruct' | 'prefer';
  title: string;
  /** the lesson that trains it */
  lessonPath: string;
  data: string;
  supervision: string;
  objective: string;
  goal: string;
  /** what the drawing on the example shows */
  drawing: string;
  /** what the stage's output is called, with its article */
  result: string;
}

export const STAGES_LESSON: Lesson = {
  id: 'stages',
  path: 'stages',
  title: 'The three stages side by side',
  summary:
    'Pretraining, classification finetuning and instruction tuning compared on real examples: what data each sees, which tokens it learns from, where its labels come from and what it is for, with your own runs under each.',
  sections: [
    {
      id: 'differ',
      title: 'Same network, three kinds of training',
      blocks: [
        {
          kind: 'p',
          text:
            'All three stages train the same transformer. What changes from one to the next is the data it reads, what counts as the right answer, where that answer comes from, and what the result is good for.',
        },
        {
          kind: 'list',
          items: [
            'Pretraining learns how text goes on in general.',
            'Classification finetuning learns one narrow task with a fixed set of labels.',
            'Instruction tuning learns to treat a prompt as a request and to answer it, across many kinds of task.',
          ],
        },
        {
          kind: 'note',
          tone: 'idea',
          title: 'Read the drawings',
          text:
            'Each column shows a real example from the lab\'s data with the tokens that count drawn in colour and the ones that do not in grey. Pretraining counts every token; instruction tuning counts only the answer; classification ignores the next-token loss altogether and reads one label from the last token.',
        },
      ],
    },
    {
      id: 'order',
      title: 'Why the order matters',
      blocks: [
        {
          kind: 'p',
          text:
            'Both finetuning stages start from the base model that pretraining made, and both use far less data than pretraining did. They can be cheap because they do not have to teach language or facts, only a new use for what is already there. Your checkpoints below show that family tree: the spam classifier and the instruction-tuned model are both children of a base model.',
        },
      ],
    },
  ],
};

/** The three columns, in training order. */
export const STAGES: StageText[] = [
  {
    kind: 'pretrain',
    title: 'Pretraining',
    lessonPath: 'lesson/pretrain',
    data: 'A large amount of raw, unlabelled text (here: the Brown Corpus).',
    supervision: 'Self-supervised: the text is its own label, since each next token is the answer for the tokens before it.',
    objective: 'Next-token cross-entropy at every position; every token is a target.',
    goal: 'A general language model that continues any text plausibly.',
    drawing: 'Every token counts: each is predicted from the ones before it.',
    result: 'a base model',
  },
  {
    kind: 'classify',
    title: 'Classification finetuning',
    lessonPath: 'lesson/classify',
    data: 'Texts each labelled with one of a few classes (here: e-mails marked spam or ham).',
    supervision: 'Human labels: someone decided which class every example belongs to.',
    objective:
      'The vocabulary output is swapped for a new 2-class head; cross-entropy on the class read at the last token, the only position that has seen the whole text.',
    goal: 'A specialist that does one task well, and nothing else.',
    drawing: 'No token is a next-token target; the label is read from the last token only.',
    result: 'a spam classifier',
  },
  {
    kind: 'instruct',
    title: 'Instruction tuning',
    lessonPath: 'lesson/instruct',
    data: 'Curated pairs of an instruction (with an optional input) and a desired response, from many task families.',
    supervision: 'Written examples of good replies: one reference response per instruction.',
    objective:
      'Still next-token cross-entropy, but the examples follow a template and only the response tokens (and the closing end-of-text) count.',
    goal: 'A model that answers requests in the expected form and stops, across many tasks.',
    drawing: 'Prompt tokens are context only (grey); the response and its end-of-text count.',
    result: 'an instruct model',
  },
];

/** The stage after instruction tuning (lesson 4), shown below the three: it starts from an instruct model, not a base. */
export const PREFER_STAGE: StageText = {
  kind: 'prefer',
  title: 'Preference tuning (DPO)',
  lessonPath: 'lesson/prefer',
  data: 'Pairs of answers to the same question, one marked better (here: "I don\'t know." about people nobody wrote about, the right answer about people the model read about).',
  supervision: 'Comparisons: someone decided which of two answers is better, not what the one right answer is.',
  objective: 'The DPO loss: raise the chosen answer\'s log-probability relative to the rejected one\'s, both measured against a frozen copy of the starting model (plus, in the lab\'s recipe, the chosen answer\'s cross-entropy).',
  goal: 'A model that also knows what not to say: it holds back where it has nothing to go on.',
  drawing: 'The chosen answer of one pair; the rejected answer is drawn the same way, and the loss compares the two.',
  result: 'a preference-tuned model',
};
