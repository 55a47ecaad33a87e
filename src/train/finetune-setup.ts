/**
 * Setting up a finetuning run, shared by the page's worker and the command line: from a pretrained
 * checkpoint and the learner's choices to the model options (new head, LoRA, frozen list), the
 * trainable count, the starting checkpoint (new tensors added, a fresh AdamW) and the info a saved
 * finetuned checkpoint must carry; and the spam and instruction sets of one split as tokens.
 * Pure: no GPU (the caller builds the model with modelFromCheckpoint).
 */
import { seededShuffle } from '../data/split.ts';
import { LABELS, type InstructRecord, type Message, type Split } from '../data/types.ts';
import { frozenFor, parameterCounts, type FreezeChoice } from '../model/finetune.ts';
import { LORA_TARGETS, type LoraOptions } from '../model/lora.ts';
import { gptParamSpecs, type ParamOptions } from '../model/params.ts';
import type { Checkpoint } from './checkpoint.ts';
import { withNewTensors, type FinetuneInfo } from './model-io.ts';
import { formatClassSet, formatInstructionSet, type ClassSet, type ReadAt } from './sources.ts';
import type { FormattedExample } from './prompt.ts';
import type { Tokenizer } from './tokenizer.ts';

/** What a finetuning run changes about the model. */
export type FinetunePlan =
  | { task: 'classify'; choice: FreezeChoice; readAt: ReadAt; lora?: LoraOptions }
  | { task: 'instruct'; maskPrompt: boolean; lora?: LoraOptions };

/** LoRA on all four matmuls of every block with alpha = 2r (the lessons' setting). */
export const lessonLora = (rank: number): LoraOptions => ({ rank, alpha: 2 * rank, targets: [...LORA_TARGETS] });

/** The model options of a plan: head and LoRA tensors, and which tensors stay frozen. */
export function planOptions(plan: FinetunePlan, from: Checkpoint): ParamOptions {
  if (plan.task === 'classify') {
    const head = { nClasses: LABELS.length, lora: plan.lora };
    return { ...head, frozen: frozenFor(plan.choice, from.config, head) };
  }
  return { lora: plan.lora, frozen: plan.lora ? frozenFor('lora', from.config, { lora: plan.lora }) : [] };
}

/** The `info.finetune` a checkpoint of this plan records (finetuneOptions reads LoRA's alpha back from it). */
export function planInfo(plan: FinetunePlan): FinetuneInfo {
  return plan.task === 'classify'
    ? { task: 'classify', classes: [...LABELS], choice: plan.choice, readAt: plan.readAt, lora: plan.lora }
    : { task: 'instruct', choice: plan.lora ? 'lora' : 'all', maskPrompt: plan.maskPrompt, lora: plan.lora };
}

/**
 * Everything a finetuning run starts from: the checkpoint with the new tensors added from the
 * seeded init and no optimizer state (the pretraining moments belong to another objective), the
 * model options, and the trainable/total counts. Throws when `from` cannot be finetuned this way.
 */
export function finetuneStart(from: Checkpoint, plan: FinetunePlan, seed: number, name = 'checkpoint'): { start: Checkpoint; opts: ParamOptions; counts: { trainable: number; total: number } } {
  if (from.weights.has('cls.weight')) {
    throw new Error(`${name} is already a classifier; ${plan.task === 'classify' ? 'classification' : 'instruction tuning'} starts from a language-model checkpoint`);
  }
  if ([...from.weights.keys()].some((k) => k.endsWith('.lora_A'))) {
    throw new Error(`${name} carries LoRA adapters; merge them first (lab export) or start from its base model`);
  }
  const { opts, counts } = finetuneContinue(from, plan);
  const start = withNewTensors({ ...from, optimizer: undefined }, { nClasses: opts.nClasses, lora: opts.lora }, seed);
  return { start, opts, counts };
}

/**
 * Continuing a finetuning run from one of its own checkpoints: the checkpoint as it is (head, LoRA
 * and AdamW moments included), the plan's model options and the trainable/total counts.
 */
export function finetuneContinue(ck: Checkpoint, plan: FinetunePlan): { start: Checkpoint; opts: ParamOptions; counts: { trainable: number; total: number } } {
  const opts = planOptions(plan, ck);
  return { start: ck, opts, counts: parameterCounts(gptParamSpecs(ck.config, opts)) };
}

/**
 * Formatted spam examples of one split (labels are indices into LABELS: ham 0, spam 1). With a
 * limit, a seeded sample of the split (the file is sorted by class, so its first lines would be all ham).
 */
export function spamSet(tok: Tokenizer, messages: readonly Message[], split: Split, T: number, readAt: ReadAt, limit = Infinity): ClassSet {
  const all = messages.filter((m) => m.split === split);
  const picked = limit < all.length ? seededShuffle(all, 17).slice(0, limit) : all;
  const items = picked.map((m) => ({ text: m.text, label: LABELS.indexOf(m.label) }));
  return formatClassSet(tok, items, T, readAt);
}

/** Formatted instruction examples of one split for a model of context T (see formatInstructionSet). */
export function instructSet(tok: Tokenizer, records: readonly InstructRecord[], split: Split, T: number, maskPrompt: boolean): { examples: FormattedExample[]; dropped: number } {
  return formatInstructionSet(tok, records.filter((r) => r.split === split), T, maskPrompt);
}
