/**
 * The "which stage does this behaviour come from" exercise: six behaviours of an assistant, each
 * answered with one of six stage choices. Each item has exactly one right choice (the expected
 * outcome of shared/seeds/004), a few "close" ones, and everything else is wrong. Data only.
 *
 * Why six choices: the expected outcomes need "SFT" and "a later stage", "both, and which is
 * bigger", and for item 6 two stages that are not SFT at all (the pretraining data fixes the
 * cutoff, and what comes later teaches admitting it), which no other choice expresses faithfully.
 */
import type { StageChoice, StageItem } from './types.ts';

/** The choices in the order they are offered, with their labels. */
export const STAGE_CHOICES: { id: StageChoice; text: string }[] = [
  { id: 'pretraining', text: 'Pretraining' },
  { id: 'sft', text: 'SFT' },
  { id: 'both-pretraining', text: 'Both, pretraining is the bigger part' },
  { id: 'both-sft', text: 'Both, SFT is the bigger part' },
  { id: 'later', text: 'A stage after SFT' },
  { id: 'pretraining-later', text: 'Pretraining and a stage after SFT together' },
];

export const STAGE_ITEMS: StageItem[] = [
  {
    id: 'stage-facts',
    behaviour: 'It tells you the population of France correctly.',
    right: 'pretraining',
    close: {
      'both-pretraining': 'Pretraining is the big part, but SFT adds nothing to the fact itself, only to how the reply is worded.',
    },
    explanation: 'Facts like this are soaked up from text during pretraining. SFT adds no facts.',
  },
  {
    id: 'stage-translate',
    behaviour: 'Asked "Translate \'good morning\' into Japanese", it gives the translation instead of carrying on the text.',
    right: 'sft',
    close: {
      'both-sft': 'Knowing Japanese did come from pretraining, but the behaviour asked about, answering instead of continuing, is all SFT.',
    },
    explanation: 'A base model would simply continue the prompt. Replying to a request instead of extending it is the mapping that SFT examples teach.',
  },
  {
    id: 'stage-structure',
    behaviour: 'Asked for a recipe, it lists quantities, then steps, then notes, and the structure holds together.',
    right: 'sft',
    close: {
      'both-sft': 'SFT is the main source; the smaller contribution here is preference tuning after SFT, not pretraining.',
    },
    explanation: 'The structured layout is copied from the shape of SFT examples. Preference tuning polishes it a little later on, but producing structure when a request calls for it is SFT\'s work.',
  },
  {
    id: 'stage-refusal',
    behaviour: 'It turns down a clearly harmful request and explains why.',
    right: 'later',
    close: {},
    explanation: 'SFT is poor at teaching refusals, because its signal only says what to produce. Reliably declining harmful requests is learned in the post-training stages that follow SFT.',
  },
  {
    id: 'stage-hedging',
    behaviour: 'Asked an obscure question it cannot know, it sometimes hedges ("I\'m not sure, but…") instead of bluffing.',
    right: 'later',
    close: {},
    explanation: 'Calibrated doubt means learning what not to say with confidence: exactly the gap that SFT leaves by construction. It is learned after SFT.',
  },
  {
    id: 'stage-cutoff',
    behaviour: 'Asked about an event from this year, it says that its training data may stop before that.',
    right: 'pretraining-later',
    close: {
      later: 'Being willing to flag the gap is indeed learned after SFT, but the cutoff itself is set by where the pretraining text ends.',
    },
    explanation: 'Two stages meet here. Where the training text stops is a fact of pretraining: the data simply ends on some date. Being willing to point that out is a behaviour learned after SFT.',
  },
];
