/**
 * Lesson 3's recipe as data: the run `lab finetune-instruct` does by default and the page starts
 * with (README, "Lesson 3: instruction tuning", has its measured scores): all weights of the small
 * base, 300 steps of 16 instructions at 1e-3 with the prompt masked out of the loss (the shipped
 * instruct-small was made by exactly this run; a PyTorch search found 200 too few for held-out people); and what the
 * page shows: the side-by-side panel's instructions and sampling, and the quick scoring. Overrides
 * only (src/lessons/recipe.ts has the defaults).
 */
import { recipe } from '../recipe.ts';

/** The lesson's run. Its batch is the small preset's; a page on another preset uses that preset's batch. */
export const INSTRUCT_RECIPE = recipe({ preset: 'small', steps: 300, batch: 16, lr: 1e-3, warmup: 20, seed: 1337, choice: 'all', maskPrompt: true, loraRank: 4 });

/** The page's scoring: greedy answers of at most `maxTokens` on `limit` test instructions (the choices offered), seeded. */
export const INSTRUCT_SCORING = { limits: [10, 20, 50, 100, 450] as const, limit: 20, maxTokens: 32, seed: 1 };

/** The families the side-by-side panel asks, one held-out record each (with and without an input). */
export const PANEL_FAMILIES = ['define', 'antonym', 'hypernym', 'uppercase', 'word_count', 'last_word'];
/** Same settings for both columns of the panel, so only the weights differ. */
export const PANEL_SAMPLING = { temperature: 0.5, topK: 40, topP: 0.95, seed: 1, maxTokens: 16 };
