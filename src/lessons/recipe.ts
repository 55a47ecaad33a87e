/**
 * A lesson's training recipe as data: one config type with a commented default (the way nanoGPT's
 * GPTConfig reads), and each lesson's recipe.ts overriding only what differs. The lesson's page
 * starts its runs from the recipe and the command-line trainer takes its option defaults from it,
 * so the README's measured recipe and the page's are the same numbers. Data only: type imports
 * from the engine, no code paths.
 */
import type { Preset } from '../model/config.ts';
import type { FreezeChoice } from '../model/finetune.ts';
import type { ReadAt } from '../train/sources.ts';

export interface Recipe {
  /** model size a run from scratch trains; a finetuning run keeps its start model's size */
  preset: Preset['id'];
  /** optimizer steps of one run (lesson 2 derives them from `epochs`) */
  steps: number;
  /** examples per step (B) on `preset`: sequences, messages or instructions */
  batch: number;
  /** peak learning rate: reached after the warm-up, then cosine down to a tenth of it */
  lr: number;
  /** warm-up steps of the command-line run (the page warms up for a tenth of a run, at most 50 steps) */
  warmup: number;
  /** seed of new weights and of the batch order */
  seed: number;
  /** finetuning: what trains (every weight, the head, the last block and head, or LoRA adapters and head) */
  choice: FreezeChoice;
  /** LoRA rank r when `choice` is 'lora'; alpha is 2r */
  loraRank: number;
  /** classification: where the class is read (the last real token, or the first as an experiment) */
  readAt: ReadAt;
  /** instruction tuning: leave the prompt tokens out of the loss */
  maskPrompt: boolean;
  /** passes over the training set, where `steps` is derived from them */
  epochs: number;
}

export const DEFAULT_RECIPE: Recipe = {
  preset: 'small',
  steps: 300,
  batch: 8,
  lr: 1e-3,
  warmup: 20,
  seed: 1337,
  choice: 'all',
  loraRank: 8,
  readAt: 'last',
  maskPrompt: true,
  epochs: 1,
};

/** A lesson's recipe: the default with the lesson's overrides. */
export const recipe = (overrides: Partial<Recipe>): Recipe => ({ ...DEFAULT_RECIPE, ...overrides });
