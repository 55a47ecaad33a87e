/**
 * Lesson 3's made-up world: what each of the three score rows proves, in the lab's words (from the
 * seeds: knowledge comes from pretraining; tuning teaches the shape of an answer and when to use
 * what is there; tuning gives a confident answer where there is nothing to use). Data only.
 */
import type { WorldGroup } from '../../data/world.ts';

/** The rows in the order the lesson shows them, each with its name and what it proves. */
export const WORLD_ROWS: readonly { group: WorldGroup; name: string; proves: string }[] = [
  {
    group: 'sft',
    name: 'People the tuning asked about',
    proves:
      'Their biographies were in the pretraining text and questions about them were in the tuning set. A high score here shows that tuning taught the layout of the answer ("Born in …", then stop), on facts the model already held.',
  },
  {
    group: 'held-out',
    name: 'People only in pretraining',
    proves:
      'Their biographies were in the pretraining text, but the tuning set never asked about them. Every right answer here was known before tuning began: pretraining stored the fact, tuning only taught the model to reach for it when asked.',
  },
  {
    group: 'unknown',
    name: 'People never seen',
    proves:
      'They appear in no training text at all. The answers keep the right shape and the model is still sure of them, yet they are right about as often as a guess (1 in 16): tuning gives a confident answer even where there is nothing to draw on.',
  },
];

/** Records per row when the lesson asks about the world: 10 questions about each kind of person. */
export const WORLD_SCORE_LIMIT = 30;

/** The lesson's prose on the world, shown with its table. */
export const WORLD_INTRO =
  'The pretraining text of this lab includes short biographies of made-up people: where each was born, what work they do, what they like to eat. Some of them also appear in the tuning set as questions; some only in the biographies; some nowhere. Asking the tuned model about all three kinds of people separates what pretraining stored from what tuning taught.';
