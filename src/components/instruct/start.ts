/**
 * Lesson 3's run as the engine is asked for it: the learner's draft (start model, steps, masking,
 * LoRA) on the lesson's recipe (src/lessons/instruct/recipe.ts: learning rate, seed, end-of-run
 * scoring). Pure: the page passes the result to the store's startFinetune.
 */
import { INSTRUCT_RECIPE, INSTRUCT_SCORING } from '../../lessons/instruct/recipe.ts';
import type { FinetuneArgs } from '../../store/commands.ts';
import type { RunSettings } from '../../store/trainingSlice.ts';
import type { InstructDraft } from './InstructControls.tsx';

/** The finetuning start of a draft on a base model of `preset`, `batch` instructions a step. */
export function instructStart(d: InstructDraft, preset: RunSettings['preset'], batch: number): FinetuneArgs {
  const { limit, maxTokens, seed } = INSTRUCT_SCORING;
  return {
    task: { kind: 'instruct', maskPrompt: d.maskPrompt, lora: d.lora, loraRank: d.loraRank, dataset: 'instruct', score: { limit, maxTokens, seed } },
    fromSlot: d.from,
    settings: { preset, steps: d.steps, lr: INSTRUCT_RECIPE.lr, seed: INSTRUCT_RECIPE.seed, batch },
  };
}
