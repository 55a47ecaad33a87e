/**
 * Lesson 4's prose: preference tuning with DPO, the stage after instruction tuning. Written in the
 * lab's own words from the facts of the seeds (../shared/seeds/): an SFT set holds only answers to
 * imitate, so it cannot say which answers to avoid, and hedging comes from a later stage trained
 * on preferences. Data only.
 */
import type { Lesson } from '../types.ts';

export const PREFER_LESSON: Lesson = {
  id: 'prefer',
  path: 'lesson/prefer',
  title: 'Lesson 4: Preference tuning (DPO)',
  summary: 'Teach the instruction-tuned model to say "I don\'t know." about people it never read about, by showing it pairs of answers, one better than the other.',
  sections: [
    {
      id: 'why',
      title: 'What instruction tuning cannot teach',
      blocks: [
        { kind: 'p', text: 'Every record of an instruction set is an example to copy: a question and the answer the model should give. Nothing in it marks an answer as one to avoid. Training pushes up the probability of the answers it is shown, and that is all it can do.' },
        { kind: 'p', text: 'Lesson 3 made this visible with the made-up world. Asked about someone who appears nowhere in its training text, the tuned model still answers in the taught shape ("Born in Garth."), with a made-up town and the same confidence it shows for people it knows. It learned how an answer looks, not when to hold one back.' },
        { kind: 'note', tone: 'idea', title: 'Positive examples only', text: 'Instruction tuning says what to predict, never what not to predict. A model that should sometimes answer "I don\'t know." needs a signal that compares answers: this one is better than that one.' },
        { kind: 'p', text: 'That signal is a preference pair: one question, a chosen answer and a rejected answer. Assistants learn to hedge, to refuse and to admit the limits of what they know in a stage after SFT that is trained on such pairs.' },
      ],
    },
    {
      id: 'pairs',
      title: 'The pairs',
      blocks: [
        { kind: 'p', text: 'The lab builds its pairs from the made-up world. For people invented only for the pairs, who are in no training text, the chosen answer is the refusal "I don\'t know." and the rejected one is a confident answer in the taught wording with a random value. For people the model knows, the right answer is chosen over the refusal, so the model does not learn to refuse everything. Those known people are of two kinds: the ones lesson 3 tuned on, and 60 held-out people the model met only in pretraining. Without the second kind, every person the pairs say to answer about was also asked about in tuning, and a model can learn "answer whoever tuning asked about" instead of "answer whoever you know".' },
        { kind: 'p', text: 'The other 40 held-out people and all of the world\'s unknown people are kept out of the pairs. The before/after table below gives them rows of their own, beside a row for the people your pairs named, so it shows whether the model learned the rule (refuse strangers, answer acquaintances) or only the pairs.' },
      ],
    },
    {
      id: 'train',
      title: 'DPO: learning from a comparison',
      blocks: [
        { kind: 'p', text: 'Direct preference optimisation keeps a frozen copy of the starting model, the reference. For each answer it sums the log-probabilities of the answer\'s tokens (the same response mask as lesson 3) under the model being trained and under the reference. The difference is how far training has moved that answer; times β it is the answer\'s implicit reward.' },
        { kind: 'term', term: 'DPO loss', text: '-log σ(β·((chosen − ref chosen) − (rejected − ref rejected))): small when the chosen answer has gained more than the rejected one, relative to the reference.' },
        { kind: 'term', term: 'Reward margin', text: 'β times that difference, averaged over the pairs of a step. It starts at 0, because the model starts as its own reference, and grows as the pairs are learned.' },
        { kind: 'note', tone: 'warn', title: 'Pushing down is not lifting up', text: 'The margin can grow only by making the rejected answers less likely while "I don\'t know." stays improbable. A reference run in PyTorch on this world found that pure DPO never made the refusal the top answer; adding the chosen answers\' cross-entropy (an NLL term, weight 1) did. The lesson\'s recipe has it on.' },
      ],
    },
    {
      id: 'replay',
      title: 'Keeping what pretraining taught',
      blocks: [
        { kind: 'p', text: 'Every update DPO makes is aimed at the pairs, but it changes weights that every answer shares. The pairs name 160 people to keep answering about. Nothing in them speaks for the 40 held-out people they leave out, so the facts about those people wear away while the pairs are learned. The model also picks up the cheapest rule that fits the pairs: answer about the names it was shown, refuse the rest. A reference run in PyTorch made that plain. With pairs that named only the 60 lent people, the tuned model still answered all 60 of them right, yet said "I don\'t know." to about a third of the people lesson 3 had tuned it on.' },
        { kind: 'term', term: 'Pretraining replay', text: 'A few rows of ordinary pretraining text (Brown and the world\'s biographies, mixed as the base was) added to every step and trained as plain next-token prediction next to the pairs. The biographies hold the facts about every known person, the left-out ones included, so the knowledge those answers need is trained again while the preference is learned. InstructGPT mixed pretraining updates into its own preference stage for the same reason.' },
        { kind: 'p', text: 'The recipe adds 8 rows a step, each as long as the step\'s pairs, weighted 1. The loss chart draws their NLL per token: it should stay near where pretraining left it. The cost is 8 more rows on top of the 32 rows of 16 pairs, about a quarter more work per step.' },
      ],
    },
    {
      id: 'results',
      title: 'Before and after',
      blocks: [
        { kind: 'p', text: 'When a run finishes, the start model and the tuned model answer the same test questions, greedily: about held-out people your pairs named, about held-out people no pair named, and about unknown people. Each answer is right, "I don\'t know.", or wrong; a wrong answer given with probability 0.5 or more counts as confidently wrong.' },
        { kind: 'note', tone: 'try', title: 'Try this', text: 'Run once with pretraining replay off and once with the recipe\'s 8 rows, and compare the middle row: the held-out people no pair named. Then try NLL 0 and watch the "I don\'t know" column for unknown people.' },
        { kind: 'note', tone: 'warn', title: 'Read every row', text: 'A model this small does not cleanly separate the people it knows from the ones it does not, so look past the unknown row. The shipped preference-tuned model, scored on the whole test set: "I don\'t know." for strangers went from 0% to 54%; the held-out people no pair names went from 95% to 87.5% right, with 7.5% refused; the people the pairs name, from 89% to 100%. The same recipe without replay refused 36% of strangers and kept only 67.5% of those held-out people right. The seed moves these numbers by several points, because the pairs come in another order.' },
      ],
    },
    {
      id: 'hand',
      title: 'Your own pairs',
      blocks: [
        { kind: 'p', text: 'Preference data is usually made by people choosing between two answers a model wrote. Here you can do the same: ask the model twice, pick the better answer, and the pair joins the next run. You can also upload a file of pairs, one JSON object a line with "instruction", "chosen" and "rejected".' },
      ],
    },
  ],
};
