/**
 * From the page's run settings to the trainer's, and the run facts kept in a checkpoint's info
 * (so a reload or an upload resumes with the same settings and history), a task's finetuning
 * plan and a fresh checkpoint of a preset. No GPU.
 */
import { PRESETS, type GPTConfig, type Preset } from '../model/config.ts';
import { DEFAULT_TRAIN, type TrainSettings } from '../train/trainer.ts';
import { thin } from './downsample.ts';
import type { EvalPoint, InstructScoring, MetricPoint, PresetId, RunSettings, TaskKind, TaskSettings } from './protocol.ts';
import { FREEZE_CHOICES } from '../model/finetune.ts';
import type { Checkpoint } from '../train/checkpoint.ts';
import { lessonLora, type FinetunePlan } from '../train/finetune-setup.ts';
import { freshCheckpoint as freshWeights } from '../train/model-io.ts';
import type { Tokenizer } from '../train/tokenizer.ts';

/** Points of each series kept in a checkpoint's info (older ones are thinned). */
export const SAVED_POINTS = 400;

/** The preset, with the run's batch size. Throws on an unknown id. */
export function presetFor(s: RunSettings): Preset {
  const p = PRESETS.find((q) => q.id === s.preset);
  if (!p) throw new Error(`unknown preset "${s.preset}" (choose ${PRESETS.map((q) => q.id).join(', ')})`);
  return { ...p, batchSize: s.batch };
}

/** The preset whose model a config is (any vocabulary size), or undefined for a custom shape. */
export function presetOf(c: GPTConfig): PresetId | undefined {
  return PRESETS.find((q) => JSON.stringify({ ...q.config, vocabSize: c.vocabSize }) === JSON.stringify(c))?.id;
}

/** Throws naming the field when the settings cannot make a run. */
export function checkSettings(s: RunSettings): void {
  presetFor(s);
  if (!Number.isInteger(s.steps) || s.steps < 1) throw new Error(`steps must be a positive whole number, got ${s.steps}`);
  if (!(s.lr > 0 && s.lr < 1)) throw new Error(`learning rate must be between 0 and 1, got ${s.lr}`);
  if (!Number.isInteger(s.batch) || s.batch < 1 || s.batch > 256) throw new Error(`batch must be a whole number from 1 to 256, got ${s.batch}`);
  if (!Number.isInteger(s.seed)) throw new Error(`seed must be a whole number, got ${s.seed}`);
  if (s.task !== undefined) checkTask(s.task);
}

/** The kind of a run (absent task: pretraining). */
export const kindOf = (s: RunSettings): TaskKind => s.task?.kind ?? 'pretrain';

/** Throws naming the field when instruction scoring settings are out of range. */
export function checkScoring(s: InstructScoring): void {
  if (!(Number.isInteger(s.limit) && s.limit >= 1)) throw new Error(`limit must be a whole number of at least 1, got ${s.limit}`);
  if (!(Number.isInteger(s.maxTokens) && s.maxTokens >= 1 && s.maxTokens <= 500)) throw new Error(`max tokens must be a whole number from 1 to 500, got ${s.maxTokens}`);
  if (s.pairedPeople !== undefined && !(Array.isArray(s.pairedPeople) && s.pairedPeople.every((n) => typeof n === 'string' && n.length > 0))) throw new Error('pairedPeople must be a list of names');
}

/** Throws naming the field when the task settings are not ones the engine trains. */
export function checkTask(t: TaskSettings): void {
  if (t.kind === 'pretrain') return;
  if (t.kind === 'classify') {
    if (!FREEZE_CHOICES.includes(t.choice)) throw new Error(`task.choice must be head, last-block, all or lora, got "${t.choice}"`);
    if (t.readAt !== 'last' && t.readAt !== 'first') throw new Error(`task.readAt must be "last" or "first", got "${t.readAt}"`);
    if (t.dataset !== 'spam' && t.dataset !== 'upload') throw new Error(`task.dataset must be "spam" or "upload", got "${t.dataset}"`);
  } else if (t.kind === 'instruct') {
    if (typeof t.maskPrompt !== 'boolean' || typeof t.lora !== 'boolean') throw new Error('task.maskPrompt and task.lora must be true or false');
    if (t.dataset !== 'instruct' && t.dataset !== 'upload') throw new Error(`task.dataset must be "instruct" or "upload", got "${t.dataset}"`);
    if (t.score !== undefined) checkScoring(t.score);
  } else if (t.kind === 'prefer') {
    if (!(t.beta > 0 && t.beta <= 10)) throw new Error(`task.beta must be above 0 and at most 10, got ${t.beta}`);
    if (!(t.nll >= 0 && t.nll <= 10)) throw new Error(`task.nll must be from 0 to 10, got ${t.nll}`);
    if (t.replay !== undefined && !(Number.isInteger(t.replay) && t.replay >= 0 && t.replay <= 64)) throw new Error(`task.replay must be a whole number of rows from 0 to 64, got ${t.replay}`);
    if (t.replayWeight !== undefined && !(t.replayWeight >= 0 && t.replayWeight <= 10)) throw new Error(`task.replayWeight must be from 0 to 10, got ${t.replayWeight}`);
    if (typeof t.lora !== 'boolean') throw new Error('task.lora must be true or false');
    if (t.dataset !== 'world' && t.dataset !== 'upload') throw new Error(`task.dataset must be "world" or "upload", got "${t.dataset}"`);
    if (t.score !== undefined) checkScoring(t.score);
  } else {
    throw new Error(`unknown task kind "${(t as { kind: unknown }).kind}" (choose pretrain, classify, instruct or prefer)`);
  }
  const usesLora = t.kind === 'classify' ? t.choice === 'lora' : t.lora;
  if (usesLora && !(Number.isInteger(t.loraRank) && t.loraRank >= 1 && t.loraRank <= 64)) throw new Error(`task.loraRank must be a whole number from 1 to 64, got ${t.loraRank}`);
}

/** The trainer's settings for a run: warm-up + cosine to lr/10, loss read back often on small runs. */
export function trainSettings(s: RunSettings): TrainSettings {
  const logEvery = s.steps <= 200 ? 2 : 10;
  const evalEvery = Math.max(logEvery, Math.round(s.steps / 10 / logEvery) * logEvery);
  return {
    ...DEFAULT_TRAIN,
    steps: s.steps,
    schedule: { maxLr: s.lr, minLr: s.lr / 10, warmupSteps: Math.min(50, Math.floor(s.steps / 10)), totalSteps: s.steps },
    logEvery,
    evalEvery,
    evalBatches: 4,
    seed: s.seed,
  };
}

/** What a checkpoint's info holds about a page run. */
export interface RunInfo {
  stage: TaskKind;
  steps: number;
  tokensSeen: number;
  settings: RunSettings;
  metrics: MetricPoint[];
  evals: EvalPoint[];
  /** the checkpoint a finetuning run started from (slot id) */
  parent?: string;
  /** training wall time so far, seconds */
  seconds?: number;
}

export function runInfo(settings: RunSettings, step: number, tokens: number, metrics: MetricPoint[], evals: EvalPoint[], extra: { parent?: string; seconds?: number } = {}): RunInfo {
  return { stage: kindOf(settings), steps: step, tokensSeen: tokens, settings, metrics: thin(metrics, SAVED_POINTS), evals: thin(evals, SAVED_POINTS), ...extra };
}

const KINDS: readonly string[] = ['pretrain', 'classify', 'instruct', 'prefer'];

/** The stage and parent of a checkpoint's info, for the list (command-line files name their base file). */
export function lineage(info: Record<string, unknown> | undefined): { stage?: TaskKind; parent?: string } {
  const i = info ?? {};
  const stage = KINDS.includes(i.stage as string) ? (i.stage as TaskKind) : undefined;
  const parent = typeof i.parent === 'string' ? i.parent : typeof i.base === 'string' ? i.base : undefined;
  return { stage, parent };
}

const num = (x: unknown, d: number) => (typeof x === 'number' && Number.isFinite(x) ? x : d);
const isPoint = (x: unknown): x is { step: number } => typeof x === 'object' && x !== null && typeof (x as { step: unknown }).step === 'number';

/**
 * The run facts of a checkpoint's info, filling what a file from elsewhere (the command-line
 * trainer, say) lacks from `fallback`. History points past `step` are dropped.
 */
export function readRunInfo(info: Record<string, unknown> | undefined, step: number, fallback: RunSettings): RunInfo {
  const i = info ?? {};
  const s = (typeof i.settings === 'object' && i.settings !== null ? i.settings : {}) as Partial<RunSettings>;
  // The command-line trainer writes preset, batch and seed at the top level of its info.
  const known = (x: unknown): x is PresetId => PRESETS.some((p) => p.id === x);
  const preset = known(s.preset) ? s.preset : known(i.preset) ? i.preset : fallback.preset;
  const settings: RunSettings = {
    preset,
    steps: Math.max(num(s.steps, fallback.steps), step),
    lr: num(s.lr, fallback.lr),
    seed: num(s.seed, num(i.seed, fallback.seed)),
    batch: num(s.batch, num(i.batch, fallback.batch)),
  };
  let task = s.task ?? fallback.task;
  try {
    if (task) checkTask(task);
  } catch {
    task = fallback.task;
  }
  if (task && task.kind !== 'pretrain') settings.task = task;
  // The pretraining mix: the page's setting, or the top-level figure the command-line trainer writes.
  const bioMix = num(s.bioMix, num(i.bioMix, num(fallback.bioMix, NaN)));
  if (bioMix >= 0 && bioMix <= 1) settings.bioMix = bioMix;
  const list = <T>(x: unknown) => (Array.isArray(x) ? x.filter(isPoint).filter((p) => p.step <= step) : []) as T[];
  const { parent } = lineage(i);
  return {
    stage: kindOf(settings), steps: step, tokensSeen: num(i.tokensSeen, 0), settings, metrics: list<MetricPoint>(i.metrics), evals: list<EvalPoint>(i.evals),
    ...(parent !== undefined ? { parent } : {}), ...(typeof i.seconds === 'number' ? { seconds: i.seconds } : {}),
  };
}

/** The finetuning plan of a task (LoRA as the lessons train it: all four matmuls, alpha = 2r), or undefined for pretraining. */
export function planOf(task: TaskSettings | undefined): FinetunePlan | undefined {
  if (!task || task.kind === 'pretrain') return undefined;
  if (task.kind === 'classify') return { task: 'classify', choice: task.choice, readAt: task.readAt, lora: task.choice === 'lora' ? lessonLora(task.loraRank) : undefined };
  // A preference run changes the same weights instruction tuning does (all, or LoRA adapters).
  return { task: 'instruct', maskPrompt: task.kind === 'instruct' ? task.maskPrompt : true, lora: task.lora ? lessonLora(task.loraRank) : undefined };
}

/** A fresh checkpoint of `settings`' preset: initial weights from the seed, no moments. */
export function freshCheckpoint(settings: RunSettings, corpus: { tokenizer: Tokenizer }): Checkpoint {
  return freshWeights({ ...presetFor(settings).config, vocabSize: corpus.tokenizer.vocabSize }, corpus.tokenizer, settings.seed);
}
