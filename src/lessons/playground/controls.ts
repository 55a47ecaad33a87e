/**
 * One-line explanations of the playground's sampling controls, as data (shown under each
 * control). Written in the lab's own words.
 */

/** Label and one-line explanation of each control, by the setting's name. */
export const CONTROL_HELP = {
  temperature: {
    label: 'Temperature',
    help: 'Divides the scores before they become probabilities: 0 always takes the likeliest token, 1 samples as trained, higher makes rare tokens likelier.',
  },
  topK: {
    label: 'Top-k',
    help: 'Draws only from the k likeliest tokens at each step; 0 keeps them all.',
  },
  topP: {
    label: 'Top-p',
    help: 'Draws only from the fewest likeliest tokens whose probabilities add up to p; 1 keeps them all.',
  },
  maxTokens: {
    label: 'Max tokens',
    help: 'The longest answer in tokens; a model that has learned to stop ends earlier with its end-of-text token.',
  },
  seed: {
    label: 'Seed',
    help: 'Starts the random draws: the same seed, prompt and settings give the same text again.',
  },
  template: {
    label: 'Wrap in the instruction template',
    help: 'Puts "### Instruction:" before the prompt and "### Response:" after it, the layout the instruct model was tuned on.',
  },
} as const;
