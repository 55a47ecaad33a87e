/**
 * Multiple-choice questions on the stages and on the lab's own terms (loss mask, classification
 * head, LoRA, perplexity), graded automatically. Data only, in the lab's own words.
 */
import type { ChoiceQuestion } from './types.ts';

export const MULTIPLE_CHOICE: ChoiceQuestion[] = [
  {
    id: 'mc-base-summarize',
    prompt: 'You give a base model, trained by pretraining only, the prompt "Summarize this paragraph: …". What is it most likely to do?',
    options: [
      { id: 'a', text: 'Write a short summary of the paragraph' },
      { id: 'b', text: 'Keep writing text in the style of the paragraph' },
      { id: 'c', text: 'Refuse, because it never saw a summary' },
      { id: 'd', text: 'Ask what kind of summary you want' },
    ],
    answer: 'b',
    explanation: 'Pretraining only taught it to continue text. Treating the prompt as a request to carry out is what instruction tuning adds.',
  },
  {
    id: 'mc-sft-objective',
    prompt: 'What is the training objective during supervised fine-tuning (SFT)?',
    options: [
      { id: 'a', text: 'Next-token prediction, as in pretraining, on instruction and response pairs' },
      { id: 'b', text: 'A new two-class loss that labels replies as good or bad' },
      { id: 'c', text: 'A reward computed from human ratings' },
      { id: 'd', text: 'Copying the base model\'s own outputs' },
    ],
    answer: 'a',
    explanation: 'The objective stays the same: predict the next token. What changes is the data (curated pairs instead of raw text) and which tokens count towards the loss.',
  },
  {
    id: 'mc-loss-mask',
    prompt: 'In the instruction-tuning lesson the prompt tokens are masked out of the loss. Which tokens is the model then trained to predict?',
    options: [
      { id: 'a', text: 'Only the prompt tokens' },
      { id: 'b', text: 'Only the response tokens' },
      { id: 'c', text: 'All tokens, equally' },
      { id: 'd', text: 'Only the last token of each example' },
    ],
    answer: 'b',
    explanation: 'The mask sets the loss to zero at prompt positions, so the whole training signal goes into writing the answer. The model still reads the prompt; it is just never asked to reproduce it.',
  },
  {
    id: 'mc-class-head',
    prompt: 'To turn the pretrained model into a spam detector, the classification lesson replaces its output layer. With what?',
    options: [
      { id: 'a', text: 'A new head with two outputs: spam and not spam' },
      { id: 'b', text: 'A larger head over the whole vocabulary' },
      { id: 'c', text: 'A second transformer stacked on top' },
      { id: 'd', text: 'Nothing: the model writes the word "spam" and we read it' },
    ],
    answer: 'a',
    explanation: 'The vocabulary-sized output is swapped for a small head with one score per class, and the model is then trained on labelled messages.',
  },
  {
    id: 'mc-lora',
    prompt: 'What does LoRA train?',
    options: [
      { id: 'a', text: 'Every weight, with a lower learning rate' },
      { id: 'b', text: 'Small low-rank matrices added beside frozen base weights' },
      { id: 'c', text: 'Only the token embeddings' },
      { id: 'd', text: 'A smaller copy of the whole model' },
    ],
    answer: 'b',
    explanation: 'The base weights stay fixed and only the small added matrices learn, so a run is cheap and each fine-tune is tiny to store. It teaches the same things as full SFT.',
  },
  {
    id: 'mc-no-dont-know',
    prompt: 'Why can SFT on its own not reliably teach a model to say "I don\'t know"?',
    options: [
      { id: 'a', text: 'Every SFT example is a positive one; nothing marks what the model should avoid saying' },
      { id: 'b', text: 'SFT uses a different architecture from pretraining' },
      { id: 'c', text: 'Pretraining erased the model\'s ability to doubt' },
      { id: 'd', text: 'SFT never changes the weights' },
    ],
    answer: 'a',
    explanation: 'SFT shows the model what to say, never what not to say. Holding back a confident answer needs a signal about worse replies, which comes in the stages after SFT.',
  },
  {
    id: 'mc-volume',
    prompt: 'Why can new instruction-tuned versions of a model come out much more often than new base models?',
    options: [
      { id: 'a', text: 'Post-training takes days on a small curated set; pretraining takes months on trillions of tokens' },
      { id: 'b', text: 'Instruction-tuned models have fewer parameters' },
      { id: 'c', text: 'SFT needs no GPUs' },
      { id: 'd', text: 'Base models must be relabelled by hand' },
    ],
    answer: 'a',
    explanation: 'Almost all of the cost sits in pretraining. Once a base model exists, teaching it new response habits is quick.',
  },
  {
    id: 'mc-perplexity',
    prompt: 'A model\'s average loss on held-out text is 2.08 nats per token (about ln 8). What is its perplexity?',
    options: [
      { id: 'a', text: '2.08' },
      { id: 'b', text: 'About 8' },
      { id: 'c', text: 'About 0.125' },
      { id: 'd', text: 'About 208' },
    ],
    answer: 'b',
    explanation: 'Perplexity is e raised to the average cross-entropy: e^2.08 ≈ 8. Loosely, the model is as unsure as if it chose among 8 equally likely tokens at every step.',
  },
];
