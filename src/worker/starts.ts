/**
 * What a 'start' (or a restore) makes of the page's draft settings and the checkpoint it names:
 * pretraining from fresh weights or going on from a checkpoint; a finetuning run either continuing
 * a saved run of its own kind (same settings, AdamW moments and history) or starting from a
 * language model (new head or LoRA tensors, a fresh AdamW, the checkpoint as its parent). Pure:
 * no GPU, no storage; the worker builds the Run from the answer.
 */
import type { Checkpoint } from '../train/checkpoint.ts';
import { finetuneStart } from '../train/finetune-setup.ts';
import type { Tokenizer } from '../train/tokenizer.ts';
import { SHIPPED_PREFIX, type RunSettings } from './protocol.ts';
import { freshCheckpoint, planOf } from './run.ts';
import { kindOf, lineage, presetOf, readRunInfo } from './settings.ts';

export interface StartPlan {
  settings: RunSettings;
  /** the checkpoint the run's model is built from */
  start: Checkpoint;
  /** the checkpoint the run descends from (slot id), for RunState.parent and the lineage drawing */
  parent?: string;
  /** a sentence for the page saying what happens */
  note: string;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * The run a start makes. `restoring` takes every setting from the checkpoint (an autosave coming
 * back). Throws with a message when the checkpoint cannot start this kind of run.
 */
export function planStart(draft: RunSettings, from: Checkpoint | undefined, fromSlot: string | undefined, lab: Tokenizer, restoring = false): StartPlan {
  const kind = kindOf(draft);
  const step = from?.optimizer?.step ?? 0;
  if (from && restoring) {
    const info = readRunInfo(from.info, step, { ...draft, task: undefined });
    return { settings: info.settings, start: from, parent: info.parent, note: `Restored the run at step ${step}.` };
  }
  if (kind === 'pretrain') {
    if (!from) return { settings: draft, start: freshCheckpoint(draft, { tokenizer: lab }), note: 'Training from scratch.' };
    if (from.weights.has('cls.weight')) throw new Error('this checkpoint is a classifier: pretraining goes on from a language model');
    const info = readRunInfo(from.info, step, { ...draft, task: undefined });
    const settings: RunSettings = { ...info.settings, task: undefined, steps: Math.max(draft.steps, step) };
    delete settings.task;
    const parent = info.parent ?? (fromSlot?.startsWith(SHIPPED_PREFIX) ? fromSlot : undefined);
    return { settings, start: from, parent, note: `Continuing from the checkpoint at step ${step}${from.optimizer ? '' : ' (it has no optimizer state: AdamW starts afresh)'}.` };
  }
  if (!from || !fromSlot) throw new Error(`a ${kind === 'classify' ? 'classification' : 'instruction-tuning'} run starts from a checkpoint: choose a base model`);
  const saved = readRunInfo(from.info, step, { ...draft, task: undefined });
  if (saved.settings.task?.kind === kind && from.optimizer) {
    const settings = { ...saved.settings, steps: Math.max(draft.steps, step) };
    return { settings, start: from, parent: saved.parent, note: `Continuing the saved ${kind === 'classify' ? 'classifier' : 'instruction-tuning'} run at step ${step}.` };
  }
  const plan = planOf(draft.task)!;
  const { start, counts } = finetuneStart(from, plan, draft.seed, fromSlot);
  // The info of the parent (its history, settings) does not belong to the new run.
  start.info = { stage: kind, parent: fromSlot };
  const preset = presetOf(from.config) ?? draft.preset;
  const stage = lineage(from.info).stage;
  const pct = ((100 * counts.trainable) / counts.total).toFixed(counts.trainable < counts.total / 100 ? 2 : 1);
  return {
    settings: { ...draft, preset },
    start,
    parent: fromSlot,
    note: `Finetuning ${fromSlot}${stage ? ` (a ${stage} checkpoint)` : ''}: ${fmt(counts.trainable)} of ${fmt(counts.total)} parameters train (${pct}%).`,
  };
}
