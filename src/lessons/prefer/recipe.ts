/**
 * Lesson 4's recipe as data: the run `lab finetune-dpo` does by default and the page starts with.
 * From the PyTorch prototype on the small preset (scripts/proto/RESULTS-world-dpo.md: the world's
 * pairs with 60 held-out people lent to the known side, the SFT model as the reference): pure DPO
 * never made the refusal the top answer, DPO + 1.0 x the chosen answers' NLL did, and 300 steps of
 * 16 pairs at lr 3e-4 (20 warm-up) with beta 0.1 met issue 19's bar on 5 of 7 pair orders. In the
 * lab (README, "Lesson 4") it made the shipped prefer-small, short of that bar, and its result moves
 * a lot with the seed. Overrides only (src/lessons/recipe.ts has the defaults), plus the two
 * settings of the preference loss.
 */
import { recipe, type Recipe } from '../recipe.ts';

export interface PreferRecipe extends Recipe {
  /** strength of the preference: the implicit reward is beta times the log-probability ratio to the reference */
  beta: number;
  /** weight of the chosen answers' mean token NLL added to the DPO loss (0: pure DPO) */
  nll: number;
  /** pretraining replay: rows of pretraining text (Brown and the world's biographies, mixed as the base was) under each step's pairs (0: none) */
  replay: number;
  /** weight of the replay rows' mean token NLL added to the loss */
  replayWeight: number;
}

/** The lesson's run; `batch` counts pairs (the model runs twice as many rows: chosen and rejected). */
export const PREFER_RECIPE: PreferRecipe = { ...recipe({ preset: 'small', steps: 300, batch: 16, lr: 3e-4, warmup: 20, seed: 1337, choice: 'all', loraRank: 8 }), beta: 0.1, nll: 1, replay: 8, replayWeight: 1 };

/**
 * A preference run's size as a training run of the same time, for estimates: each step runs both
 * answers of each pair (2 rows a pair) and its replay rows, and the reference's forward pass
 * (about a third of a step more).
 */
export function preferRunSize<P extends string>(preset: P, steps: number, pairs: number, replay: number): { preset: P; steps: number; batch: number } {
  return { preset, steps: Math.ceil((4 * steps) / 3), batch: 2 * pairs + replay };
}

/** The shipped SFT model the lesson starts from and compares with (also the frozen reference). */
export const PREFER_START = 'public/models/instruct-small.safetensors';
/** The world's preference pairs (public/datasets/world-prefs.jsonl, built by `npm run datasets`). */
export const PREFER_PAIRS = 'public/datasets/world-prefs.jsonl';

/** The page's end-of-run scoring: greedy answers to `limit` world test questions (held-out people the pairs named, held-out people in no pair and unknown people in turn; the choices offered). */
export const PREFER_SCORING = { limits: [6, 20, 60, 200] as const, limit: 20, maxTokens: 12, seed: 1, families: ['world-held-out', 'world-unknown'] };
