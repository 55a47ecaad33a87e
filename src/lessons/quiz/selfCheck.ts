/**
 * The self-check questions: answer in your head or in the box, reveal the model answer, mark
 * yourself. Facts from the lab's sources (shared/seeds), written in the lab's own words. Data only.
 */
import type { SelfCheckQuestion } from './types.ts';

export const SELF_CHECK: SelfCheckQuestion[] = [
  {
    id: 'base-vs-instruct',
    prompt: 'How does a base model differ from an instruction-tuned model?',
    modelAnswer: [
      'A base model is what pretraining leaves behind: a network that learned to guess the next token over a huge, unfiltered pile of text. It has picked up facts, grammar and turns of phrase, and it can carry on almost any text in a believable style. Give it the words "Summarize this paragraph" and the likely result is more of the paragraph.',
      'An instruction-tuned model is the same network after supervised fine-tuning (SFT) on a far smaller, carefully written set of instruction and response pairs. Its weights have moved only a little, yet it now treats a request as something to answer: the same prompt gets back a summary, built from knowledge the base model already held.',
    ],
  },
  {
    id: 'sft-no-new-knowledge',
    prompt: 'Why is "SFT gives the model new knowledge" the wrong way to describe it?',
    modelAnswer: [
      'With the dataset sizes SFT usually has, the knowledge is already inside the base model. What SFT adds is the habit of using it when asked. Fine-tuning on a few thousand translation pairs does not teach the model French; pretraining did that. It teaches that "translate to French" calls for a reply in French rather than more of the prompt. The ability was there; the trigger was missing.',
      'So SFT changes the shape of the response, not its content. Only with very large SFT datasets does the line between SFT and continued pretraining start to blur.',
    ],
  },
  {
    id: 'what-not-to-predict',
    prompt: 'SFT shows the model what to say, but never what not to say. How does that show up in practice, and which later stages does it lead to?',
    modelAnswer: [
      'Every SFT example is a positive one: an instruction and the reply someone wanted to see. No example marks another plausible reply as worse, or says what an almost-right answer got wrong. The training signal pulls in one direction only.',
      'The result is a model whose replies land near the average of the written examples; it cannot tell a better answer from a worse one when both look valid. Fixing that takes preference data (which of two replies is better) and algorithms that turn those comparisons into weight updates: the stages that come after SFT.',
    ],
  },
  {
    id: 'lora',
    prompt: 'What is LoRA, and why does it matter in practice?',
    modelAnswer: [
      'LoRA (Low-Rank Adaptation) is a cheap way to run supervised fine-tuning. The base weights stay frozen; small extra matrices of low rank are added beside them, and only those are trained. The model ends up behaving much as if all of it had been fine-tuned, while only a sliver of its numbers moved.',
      'Two things follow. Fine-tuning needs far less hardware, and one base model can carry many specialised fine-tunes, because each LoRA is tiny next to the base and no full copy is stored per task. What the model learns is the same as with full SFT: LoRA changes how the training is done, not what it teaches.',
    ],
  },
  {
    id: 'stage-of-behaviours',
    prompt: 'Where does each behaviour come from: pretraining, SFT, or both?',
    parts: [
      'It states that water boils at 100 °C.',
      'Asked for a summary of a paragraph, it writes one rather than extending the paragraph.',
      'Asked to translate, it answers in the requested language.',
      'Given a maths problem, it writes something shaped like a step-by-step solution.',
      'Asked something outside what it knows, it sometimes gives a confident, plausible and wrong answer.',
    ],
    modelAnswer: [
      'a. Pretraining: facts settle into the weights from reading a great deal of text.',
      'b. SFT: left alone, the base model would have kept writing the paragraph; SFT examples taught it that this request calls for a summary.',
      'c. Both: the language itself was learned in pretraining, and SFT supplied the link between "translate into X" and replying in X.',
      'd. Mostly SFT, resting on pretraining: the maths comes from pretraining, while the layout of problem, steps and answer is copied from SFT examples built that way.',
      'e. Pretraining gave it fluent confidence, and SFT never taught it to admit doubt, since SFT has no examples of what not to say. Saying "I don\'t know" is learned in a stage after SFT.',
    ],
  },
  {
    id: 'volume-drop',
    prompt: 'From pretraining to SFT the amount of training data falls by many orders of magnitude. Why is that more than a curiosity?',
    modelAnswer: [
      'It shows where the work is done. Pretraining takes months of compute over trillions of tokens; SFT takes hours or days on a small curated set. By the time SFT starts the capability is already there, and SFT only teaches when to use it.',
      'The imbalance explains how models are released: a lab can put out new instruction-tuned versions of a base model again and again, because post-training is a matter of days, while a genuinely new base model is rare, because it costs months and a great deal of money. Knowing where the cost sits helps you read model announcements.',
    ],
  },
];
