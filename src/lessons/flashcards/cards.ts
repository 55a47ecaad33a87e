/**
 * The flashcards: the ten topics of the stages lesson, then the lab's own terms. Facts from the
 * lab's sources (shared/seeds), written in the lab's own words. Data only.
 */
import type { Flashcard } from './types.ts';

export const FLASHCARDS: Flashcard[] = [
  {
    id: 'base-model',
    topic: 'stages',
    front: 'What is a base model?',
    back: 'The model that pretraining produces: trained to predict the next token over an enormous body of text. It holds facts, languages and idioms, but it does not follow instructions; it carries on whatever text it is given.',
  },
  {
    id: 'instruct-model',
    topic: 'stages',
    front: 'What is an instruction-tuned model?',
    back: 'A base model after supervised fine-tuning (SFT) on a curated set of instruction and response pairs. Same architecture, weights only slightly moved, but it answers a request instead of continuing it.',
  },
  {
    id: 'sft-objective',
    topic: 'stages',
    front: 'What objective does SFT train on?',
    back: 'The same one as pretraining: predict the next token. Two things differ: the data (curated instruction and response pairs instead of raw text) and which tokens count, since only the response tokens feed the loss.',
  },
  {
    id: 'sft-teaches',
    topic: 'stages',
    front: 'What does SFT actually teach?',
    back: 'The shape of a response, not new facts. The knowledge came from pretraining; SFT teaches that an instruction asks for an answer of a certain form. That is why a few thousand good examples can change behaviour so much.',
  },
  {
    id: 'volume-drop',
    topic: 'stages',
    front: 'Why does the drop in data volume from pretraining to SFT matter?',
    back: 'It shows that most of the work is done before SFT begins: months of computing over trillions of tokens, against hours or days on a small curated set. That is why new instruction-tuned versions appear often while new base models are rare.',
  },
  {
    id: 'lora',
    topic: 'stages',
    front: 'What is LoRA?',
    back: 'Low-Rank Adaptation: fine-tuning that freezes the base weights and trains only small low-rank matrices added beside them. It teaches what full SFT teaches, far more cheaply, and many small LoRAs can share one base model.',
  },
  {
    id: 'peft',
    topic: 'stages',
    front: 'What is PEFT?',
    back: 'Parameter-efficient fine-tuning: the family of methods, LoRA among them, that adapt a model by training only a small share of the parameters.',
  },
  {
    id: 'sft-limit',
    topic: 'stages',
    front: 'What is the built-in limit of SFT?',
    back: 'It shows the model what to say, never what not to say. Every example is a positive one, so nothing marks a reply as worse. Learning better from worse needs preference data, used in the stages after SFT.',
  },
  {
    id: 'correct-on-average',
    topic: 'stages',
    front: 'What does "correct on average" mean for an instruction-tuned model?',
    back: 'It answers in the right shape, using what pretraining taught it, and its reply lands near the average of its training examples: often right, seldom the best answer it could have given.',
  },
  {
    id: 'takeaway',
    topic: 'stages',
    front: 'The stages lesson in one sentence?',
    back: 'Knowledge comes from pretraining; the habit of answering a request comes from supervised fine-tuning.',
  },
  {
    id: 'loss-mask',
    topic: 'lab',
    front: 'What is a loss mask?',
    back: 'A per-token switch saying which positions count towards the loss. In instruction tuning the lab masks out the prompt tokens, so the model is trained only on writing the response, while still reading the prompt.',
  },
  {
    id: 'classification-head',
    topic: 'lab',
    front: 'What is a classification head?',
    back: 'A small output layer that turns the model\'s last hidden state into one score per class. The spam lesson swaps the vocabulary-sized output for a two-class head (spam, not spam) and trains it on labelled messages.',
  },
  {
    id: 'tokens',
    topic: 'lab',
    front: 'What is a token?',
    back: 'The unit the model reads and predicts: a piece of text (a character, part of a word or a whole word, depending on the tokenizer) turned into a number. Pretraining is next-token prediction over sequences of them.',
  },
  {
    id: 'perplexity',
    topic: 'lab',
    front: 'What is perplexity?',
    back: 'e raised to the average next-token loss (cross-entropy in nats). A perplexity of 8 means the model is, on average, as unsure as if it chose among 8 equally likely tokens. Lower is better; guessing uniformly over V tokens gives V.',
  },
];
