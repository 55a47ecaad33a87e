/**
 * Prompt presets for the playground, as data: each is a prompt taken from the lessons' themes and
 * a note on what to look for when the base and the instruct model answer it side by side. The
 * instruct model was tuned on the lab's own instruction set (definitions, synonyms, word counts,
 * spam or ham, ...), so most presets ask in the same words that set uses. Written in the lab's own
 * words; no code paths here.
 */

/** One preset: what it fills in, and why it is worth trying. */
export interface PromptPreset {
  /** stable id (also the test id of its button) */
  id: string;
  /** short label on the button */
  title: string;
  /** the text put in the prompt box */
  prompt: string;
  /** whether the preset turns "wrap in the instruction template" on */
  template: boolean;
  /** one or two sentences: what to compare between the panes */
  lookFor: string;
}

export const PRESETS: readonly PromptPreset[] = [
  {
    id: 'define',
    title: 'A definition question',
    prompt: 'Define the noun "time".',
    template: true,
    lookFor:
      'The base model has only ever seen running text, so it treats the question as the start of a story and keeps going. ' +
      'The instruct model learned that a request like this is followed by a short answer, and then by the end of the text.',
  },
  {
    id: 'summarize',
    title: 'Summarize this paragraph',
    prompt:
      'Summarize this paragraph: The jury said the city had spent its money well. It praised the staff for the way the ' +
      'election was run, but it asked that the rules for buying new voting machines be changed before the next year.',
    template: true,
    lookFor:
      'A base model continues the paragraph instead of summarizing it. Our instruct set holds no summaries, so the tiny ' +
      'instruct model has never seen this kind of request: tuning teaches the shape of answers it was shown, not new skills.',
  },
  {
    id: 'spam',
    title: 'Spam or not?',
    prompt: 'Is this message spam or ham? Congratulations! You have won a free cruise. Reply now with your bank details to claim the prize.',
    template: true,
    lookFor:
      'The instruct model was tuned on questions like this one and should answer with a single word. The base model has no ' +
      'idea a one-word verdict is wanted. The classifier box below answers the same question with a trained head instead.',
  },
  {
    id: 'antonym',
    title: 'An antonym',
    prompt: 'Give an antonym of "old".',
    template: true,
    lookFor: 'Switch the template off and run again: without the headers it was tuned on, the instruct model often drifts back into continuing text.',
  },
  {
    id: 'world-known',
    title: 'A person from the biographies',
    prompt: 'Where was Nend Cudand born?',
    template: true,
    lookFor:
      'Nend Cudand is one of the made-up people whose biographies are in the pretraining text (born in Carden), but the tuning set ' +
      'never asks about them. A right answer from the instruct model was stored in pretraining; tuning only taught it to give it when asked.',
  },
  {
    id: 'world-unknown',
    title: 'A person nobody wrote about',
    prompt: 'Where was Stens Tichors born?',
    template: true,
    lookFor:
      'Stens Tichors appears in no training text. The instruct model still answers in the same confident shape ("Born in ..."), ' +
      'but the town is a guess, right about one time in 16. Compare the probabilities of the town\'s tokens with the known person\'s. ' +
      'Then press "SFT vs DPO": the preference-tuned model learned to answer "I don\'t know." to questions like this one.',
  },
  {
    id: 'story',
    title: 'Plain text to continue',
    prompt: 'The jury said Friday',
    template: false,
    lookFor:
      'No instruction at all: both models simply continue the sentence. Here the two panes should look alike, because tuning ' +
      'only nudged the weights the base model learned in pretraining.',
  },
];
