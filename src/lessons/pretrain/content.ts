/**
 * Lesson 1, pretraining: the prose of the page as data (src/lessons/types.ts), in the lab's own
 * words. Facts from ../shared/seeds/ (stages, base models, self-supervision) and from the lab's
 * own setup (a 1024-token BPE vocabulary, the Brown Corpus). No code paths, no UI: the page
 * (src/pages/lessons/Pretrain.tsx) puts live panels after the sections by their ids.
 */
import type { Lesson } from '../types.ts';

/** Section ids the page attaches panels to. */
export const PRETRAIN_SECTIONS = {
  what: 'what',
  tokens: 'tokens',
  pairs: 'pairs',
  loss: 'loss',
  train: 'train',
  samples: 'samples',
  keep: 'keep',
  own: 'own-text',
} as const;

export const PRETRAIN_LESSON: Lesson = {
  id: 'pretrain',
  path: 'lesson/pretrain',
  title: 'Lesson 1: Pretraining',
  summary:
    'Train a tiny GPT on plain text, one guess of the next token at a time, and watch it go from random letters to something that reads like English. What comes out is a base model: it continues text, nothing more.',
  sections: [
    {
      id: PRETRAIN_SECTIONS.what,
      title: 'What pretraining is',
      blocks: [
        { kind: 'p', text: 'Pretraining is the first and by far the largest stage in making a language model. Its data is ordinary text — books, news, letters — with nobody labelling anything. The text itself supplies the answers, which is why this is called self-supervised learning.' },
        { kind: 'p', text: 'The task is always the same: read the text up to some point and say which token comes next. The model does not answer with one token but with a probability for every token in its vocabulary, and training nudges the weights so that the token that really came next gets more of that probability.' },
        { kind: 'note', tone: 'idea', title: 'Every position is a question', text: 'A sequence of T tokens is not one example but T of them: after the first token predict the second, after the first two predict the third, and so on. A causal mask keeps each position from peeking at the tokens after it, so all T guesses are trained in a single pass.' },
        { kind: 'p', text: 'What you get at the end is called a base model. It has soaked up spelling, grammar, common phrases and whatever facts the text kept repeating, and it can carry on any text in a plausible way. It has not learned to follow instructions or to do one particular job; those come from the later lessons, which start from a model like this one.' },
        { kind: 'p', text: 'Our model trains on the Brown Corpus, about a million words of American English from the 1960s, split into documents. Here is the start of the training split, exactly as the trainer reads it:' },
      ],
    },
    {
      id: PRETRAIN_SECTIONS.tokens,
      title: 'From text to tokens',
      blocks: [
        { kind: 'p', text: 'The model never sees letters. A tokenizer first cuts the text into tokens and gives each an id. The lab uses byte-level byte-pair encoding (BPE): it starts from the 256 possible bytes and, while training the tokenizer, keeps gluing the most frequent neighbouring pair into a new token, until the vocabulary holds V = 1024 tokens.' },
        { kind: 'list', items: [
          'Common words such as ` the` or ` said` become a single token, usually together with the space in front of them.',
          'Rare words split into several pieces, and any text at all can still be written down, byte by byte if need be.',
          'Two ids are special: `<|endoftext|>` marks where one document ends, and a padding token fills out short batches.',
        ] },
        { kind: 'p', text: 'Below, the sample above is cut into tokens by the same tokenizer the engine uses (a dot stands for a space). Type your own text to see how it splits.' },
      ],
    },
    {
      id: PRETRAIN_SECTIONS.pairs,
      title: 'Inputs and targets',
      blocks: [
        { kind: 'p', text: 'A training batch is a few windows of consecutive tokens cut from the corpus. For each window the targets are the same tokens moved one place to the left: the target at position t is the input at position t + 1. No labels are needed, because the next token of the text is the label.' },
        { kind: 'p', text: 'Read the pair below column by column: the model sees every token up to and including the top one, and is scored on how much probability it gave to the token beneath it.' },
      ],
    },
    {
      id: PRETRAIN_SECTIONS.loss,
      title: 'Reading the loss',
      blocks: [
        { kind: 'p', text: 'The score is the cross-entropy: minus the natural log of the probability the model gave to the right next token, averaged over every position of the batch. It is measured in nats. A model that is sure and right scores close to 0; one that gave the right token a tiny chance scores high.' },
        { kind: 'term', term: 'Why it starts at ln(V)', text: 'A freshly initialised model has small random weights, so its predictions are close to uniform: about 1/V for every token. Minus the log of 1/V is ln(V), so the first losses sit near ln(1024) ≈ 6.93 nats. The chart marks that line; anything below it means the model has learned something.' },
        { kind: 'term', term: 'Perplexity', text: 'Perplexity is e raised to the loss. It turns nats into a count you can picture: a perplexity of 50 means the model is as unsure as if it picked fairly among 50 tokens. At the start it is about V, 1024, and it shrinks as the model learns.' },
        { kind: 'term', term: 'Training and validation loss', text: 'Training loss is measured on the batches the model is learning from; validation loss on text it never trains on. While both fall together the model is learning general patterns; if the training loss keeps falling while the validation loss stalls or rises, it has started memorising its training text.' },
      ],
    },
    {
      id: PRETRAIN_SECTIONS.train,
      title: 'Train it',
      blocks: [
        { kind: 'p', text: 'Start a run from scratch with the model size picked for your GPU, or continue from the base model the lab ships, which was trained far longer than a page visit allows. Training runs in a background worker, so the page stays usable; you can pause, resume or reset whenever you like.' },
        { kind: 'note', tone: 'try', title: 'What to watch', text: 'The first few read-backs sit on the ln(V) line. Within a few dozen steps the loss drops fast as the model learns which tokens are common, then bends into a slow decline as it picks up which tokens follow which.' },
        { kind: 'p', text: 'The run saves itself every 50 steps and whenever you pause. Reload the page and it comes back, paused, with its whole history.' },
        { kind: 'note', tone: 'idea', title: 'Facts arrive with the text', text: 'Most of what a run reads here is Brown; the rest are short biographies of made-up people (where they were born, what they do, what they eat). The second chart asks, after each validation pass, whether the model ranks the right home town first for people whose biographies it reads, and for people it never reads about. Facts about the first group can only come from the text; the second group shows what guessing looks like, about 1 in 16.' },
      ],
    },
    {
      id: PRETRAIN_SECTIONS.samples,
      title: 'Watching it learn to write',
      blocks: [
        { kind: 'p', text: 'Every few steps the page asks the model to continue the same prompt with the same random seed, so the only thing that changes between lines is the model. Early lines are a jumble of tokens; later ones grow real words, then short phrases.' },
        { kind: 'p', text: 'Generating is the same next-token guess, repeated: pick a token from the predicted probabilities, append it, predict again. Two knobs shape the pick:' },
        { kind: 'term', term: 'Temperature', text: 'Divides the scores before they become probabilities. Below 1 it sharpens them towards the favourite token (0 always takes the favourite); above 1 it flattens them, giving unlikely tokens more of a chance.' },
        { kind: 'term', term: 'Top-k', text: 'Keeps only the k most likely tokens and picks among those, so one unlucky draw from the long tail cannot derail the text. 0 keeps them all.' },
      ],
    },
    {
      id: PRETRAIN_SECTIONS.keep,
      title: 'Keep your base model',
      blocks: [
        { kind: 'p', text: 'When you like what your model writes, keep it. It is saved as a checkpoint in this browser and marked as your base model, so the finetuning lessons can start from it instead of the shipped one. A model this small, trained for minutes, will not write well; that is expected, and the later lessons still show the difference each stage makes.' },
      ],
    },
    {
      id: PRETRAIN_SECTIONS.own,
      title: 'Your own text',
      blocks: [
        { kind: 'p', text: 'You can load a plain-text file of your own. It is checked in the page and never leaves your device; problems are listed with the file, line and field they concern.' },
      ],
    },
  ],
};
