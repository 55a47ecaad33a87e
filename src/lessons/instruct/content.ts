/**
 * Lesson 3 prose: instruction tuning (supervised finetuning on instruction-response pairs). Data
 * only, rendered by the lesson page around its live parts; written in the lab's own words from
 * the facts in ../shared/seeds/. It must not describe controls that the page does not have.
 */
import type { Lesson } from '../types.ts';

export const INSTRUCT_LESSON: Lesson = {
  id: 'instruct',
  path: 'lesson/instruct',
  title: 'Lesson 3: Instruction tuning',
  summary:
    'Same model, same next-token loss, different data: pairs of a request and a good answer, with only the answer counted. Tune your base model and watch it start answering instead of rambling on.',
  sections: [
    {
      id: 'why',
      title: 'A base model continues, it does not answer',
      blocks: [
        {
          kind: 'p',
          text:
            'Pretraining left you with a base model: give it the start of a text and it writes a likely continuation. Type "Define the noun `time`." and it treats your words as the opening of some document, so it may add another question, drift into a story, or never stop. It has no idea that you asked for something.',
        },
        {
          kind: 'p',
          text:
            'Instruction tuning (also called supervised finetuning, SFT) fixes that by showing the model many examples of a request followed by the reply a person wanted. After enough of them the model treats a prompt as something to satisfy: it writes the reply, in the expected layout, and then stops.',
        },
        {
          kind: 'note',
          tone: 'idea',
          title: 'The shape of an answer, not new facts',
          text:
            'At the volumes SFT usually runs at, what the model knows was already put there by pretraining. Tuning teaches when and how to use it: that a request is followed by a reply of a certain form. The ability was present; the trigger was missing.',
        },
      ],
    },
    {
      id: 'template',
      title: 'The template: one layout for every example',
      blocks: [
        {
          kind: 'p',
          text:
            'Every record of the instruction set is an instruction, sometimes an input (a sentence or a message it refers to), and the reference output. The trainer pours each one into the same Alpaca-style layout: a `### Instruction:` header, then `### Input:` only when there is an input, then `### Response:` and the answer, closed with the `<|endoftext|>` token.',
        },
        {
          kind: 'p',
          text:
            'That closing token matters more than it looks. It is how the tuned model learns to stop: the answer ends, and the most likely next token is end-of-text, so sampling halts there instead of inventing a new instruction.',
        },
        {
          kind: 'note',
          tone: 'try',
          title: 'Look at real records',
          text:
            'The drawing below uses the very function the trainer calls, on records of the built-in set. Step through a few and notice that the headers are the same every time, while the answer is the only part that changes in a meaningful way.',
        },
      ],
    },
    {
      id: 'mask',
      title: 'Which tokens count in the loss',
      blocks: [
        {
          kind: 'p',
          text:
            'The objective is unchanged from pretraining: at every position, predict the next token and pay its cross-entropy. What changes is which positions are paid for. With the prompt masked, the loss averages only over the response tokens and their end-of-text; the prompt and the padding that fills each row of the batch are still read by the model, as context, but nothing is learned from predicting them.',
        },
        {
          kind: 'list',
          items: [
            'Masked (the usual recipe): every gradient comes from writing the answer, so training effort goes where the behaviour is.',
            'Unmasked: the model is also trained to reproduce the instruction text and the fixed headers, which are easy to predict. The loss usually looks lower, but a share of each step is spent on text it will never have to write.',
            'Padding is never counted in either case: it is not text, only filler that makes rows the same length.',
          ],
        },
        {
          kind: 'note',
          tone: 'try',
          title: 'Try both',
          text:
            'Train once with masking on and once with it off, with everything else equal, then compare the two rows of the runs table. Keep in mind that the two loss curves average over different tokens, so compare the scores, not the curves.',
        },
      ],
    },
    {
      id: 'side-by-side',
      title: 'Base and tuned, answering the same questions',
      blocks: [
        {
          kind: 'p',
          text:
            'The panel during training asks both models the same held-out instructions from the test split, with the same seed and the same sampling settings, and refreshes the tuned side every few steps. Nothing differs between the two columns except the weights, so every difference you see was made by tuning.',
        },
        {
          kind: 'p',
          text:
            'The scores check two things on the test split. Format adherence asks whether a reply is non-empty, ends with end-of-text within the token limit, and does not begin a new instruction. Each task family (definitions, synonyms, word counts, first and last words and so on) then has its own rule for a correct answer.',
        },
        {
          kind: 'note',
          tone: 'warn',
          title: 'Format and correctness are different scores',
          text:
            'Format adherence only asks whether a reply has the right shape; the family scores ask whether it is right. Tuning acts on the shape directly, while being right depends on what pretraining put into the weights, and a model this small holds little. Compare how far each score moves from the base column to the tuned one.',
        },
      ],
    },
    {
      id: 'limits',
      title: 'What SFT cannot teach',
      blocks: [
        {
          kind: 'p',
          text:
            'Each training example is a positive one: here is a request, here is a reply we liked. Nothing says which other plausible replies would have been worse. So SFT tells the model what to predict, but never what not to predict, and the tuned model drifts towards an average of the answers it saw. It cannot learn to hold back or to say it is unsure from these examples alone; that needs preference data and the later stages of post-training.',
        },
        {
          kind: 'p',
          text:
            'It also cannot conjure knowledge the base model lacks. A tuned model that does not know an answer will still produce something in the shape of one, confidently: the format was learned, the fact was not.',
        },
      ],
    },
    {
      id: 'lora',
      title: 'LoRA: tuning a small fraction of the weights',
      blocks: [
        {
          kind: 'term',
          term: 'PEFT',
          text: 'Parameter-efficient finetuning: any method that adapts a model by training only a small share of its parameters.',
        },
        {
          kind: 'term',
          term: 'LoRA',
          text:
            'Low-rank adaptation, the best-known PEFT method. The original weights stay frozen; beside each chosen matrix W sits a product of two thin matrices B·A of rank r, and only those train. The layer computes W·x + B·A·x.',
        },
        {
          kind: 'p',
          text:
            'What LoRA learns is the same kind of thing full SFT learns; it is a cheaper way of doing the training, not a different lesson for the model. The payoff is practical: far fewer parameters get gradients and optimizer state, and one base model can carry many small adapters instead of many full copies.',
        },
      ],
    },
    {
      id: 'volume',
      title: 'Why so little data is enough',
      blocks: [
        {
          kind: 'p',
          text:
            'Pretraining large models takes months of compute over trillions of tokens; instruction tuning takes hours or days over a curated set that is smaller by orders of magnitude. The same gap shows up here: your base model read about a million words of the Brown Corpus, and the tuning set is a few thousand short pairs.',
        },
        {
          kind: 'p',
          text:
            'The size of that drop is the point. It shows that most of the work is done before tuning begins, which is why new tuned variants of a base model can appear often while new base models appear rarely. If a small, clean set of examples can change behaviour this much, the capability must already have been there.',
        },
        {
          kind: 'note',
          tone: 'idea',
          title: 'In one line',
          text: 'Pretraining fills the weights with what the model knows; instruction tuning teaches it to reply when it is asked.',
        },
      ],
    },
  ],
};
