/**
 * Lesson 1's recipe as data: the run from scratch (steps, learning rate, seed; the preset the
 * adapter can carry), the sample timeline's fixed prompt and cadence, the default sampling knobs,
 * and what the page shows of the corpus. Overrides only (src/lessons/recipe.ts has the defaults).
 */
import { recipe } from '../recipe.ts';

/**
 * A lesson run from scratch: 400 steps at 3e-3 on the preset the adapter carries (PREFERRED_PRESETS),
 * with that preset's batch.
 */
export const PRETRAIN_RECIPE = recipe({ preset: 'small', steps: 400, batch: 16, lr: 3e-3 });

/** The prompt the timeline completes at every checkpoint of the run (Brown news text starts like this). */
export const TIMELINE_PROMPT = 'The jury said';

/** Sample every this many steps, unless the learner picks another cadence. */
export const TIMELINE_EVERY = 25;

/** Tokens per timeline sample: enough to see words form, short enough not to slow training much. */
export const TIMELINE_TOKENS = 24;

/** The timeline's seed: fixed, so two lines differ only because the model changed. */
export const TIMELINE_SEED = 7;

/** Default sampling knobs for the timeline. */
export const TIMELINE_SAMPLING = { temperature: 0.8, topK: 40 };


/**
 * Presets to try, best first: a real GPU trains 'small' live; a software adapter (SwiftShader)
 * manages only 'test' at a few steps a second. The first that fits the adapter is chosen.
 */
export const PREFERRED_PRESETS: { hardware: readonly ('test' | 'small' | 'medium')[]; software: readonly 'test'[] } = {
  hardware: ['small', 'test'],
  software: ['test'],
};

/** How many characters of the corpus the "what it reads" panel shows. */
export const SAMPLE_CHARS = 600;

/** How many tokens the input/target pair shows. */
export const PAIR_TOKENS = 12;
