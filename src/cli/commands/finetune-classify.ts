/**
 * `lab finetune-classify`: turns a pretrained checkpoint into a spam classifier. The tied LM head is
 * swapped for a 2-class head read at each message's closing <|endoftext|> (or at its first token,
 * --read-at first, the lesson's experiment), and --choice picks what trains: the head only, the last
 * block + final LayerNorm + head, everything, or LoRA adapters + head. Reports validation accuracy
 * while training and, at the end, test accuracy, per-class precision/recall and the confusion
 * matrix; saves a classifier checkpoint (model-io.ts documents its layout). Also exports the data
 * loading and the report that `lab eval` reuses.
 */
import type { CommandSpec, ParsedOptions } from '../args.ts';
import { parseBuiltinSpam } from '../../data/builtin.ts';
import { formatDataError } from '../../data/errors.ts';
import { LABELS, type Message } from '../../data/types.ts';
import { FREEZE_CHOICES, type FreezeChoice } from '../../model/finetune.ts';
import { LORA_TARGETS, validateLora, type LoraOptions, type LoraTarget } from '../../model/lora.ts';
import { precisionRecall, type ClassEval } from '../../train/classmetrics.ts';
import { evaluateClassifier, trainClassifier, type ClassTrainSettings } from '../../train/classtrain.ts';
import { checkpointFromModel, modelFromCheckpoint } from '../../train/model-io.ts';
import { finetuneContinue, finetuneStart, planInfo, spamSet, type FinetunePlan } from '../../train/finetune-setup.ts';
import { classificationSource } from '../../train/sources.ts';
import { applyRecordedSettings, BASE_CHECKPOINT, CliError, formatDuration, openEngine, readCheckpoint, readText, recordSettings, writeCheckpoint } from '../io.ts';
import { runInSlices } from '../slices.ts';
import type { ReadAt } from '../../train/sources.ts';
import { CLASSIFY_RECIPE } from '../../lessons/classify/recipe.ts';
import type { Recipe } from '../../lessons/recipe.ts';

export const SPAM_DATA = 'public/datasets/spam-balanced.jsonl';
/** The everyday messages written for the lab: a second test split, out of the corpus's domain. */
export const EVERYDAY_DATA = 'public/datasets/spam-everyday.jsonl';

/** The spam set's messages of one split, or a CliError naming the file, line and field. */
export function loadSpam(path: string): Message[] {
  const r = parseBuiltinSpam(path, readText(path, 'spam dataset'));
  if (!r.ok) throw new CliError(`bad spam dataset:\n${r.errors.map(formatDataError).join('\n')}`);
  if (r.value.length === 0) throw new CliError(`spam dataset "${path}" has no messages`);
  return r.value;
}

/** Formatted examples of one split (shared with the page's worker: src/train/finetune-setup.ts). */
export { spamSet };

/** Accuracy, per-class precision and recall, and the confusion matrix, as printable lines. */
export function classReport(e: ClassEval, classes: readonly string[]): string {
  const pct = (x: number) => (Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : 'n/a');
  const w = Math.max(9, ...classes.map((c) => c.length + 2));
  const lines = [`accuracy ${pct(e.accuracy)} on ${e.examples} examples (loss ${e.loss.toFixed(4)})`];
  precisionRecall(e.confusion).forEach((pr, k) => lines.push(`  ${classes[k].padEnd(w)} precision ${pct(pr.precision)}  recall ${pct(pr.recall)}`));
  lines.push(`  confusion (rows: true class, columns: predicted)`);
  lines.push(`  ${''.padEnd(w)}${classes.map((c) => c.padStart(w)).join('')}`);
  e.confusion.forEach((row, k) => lines.push(`  ${classes[k].padEnd(w)}${row.map((n) => String(n).padStart(w)).join('')}`));
  return lines.join('\n');
}

/** Parses --lora-targets ("attn.c_attn,mlp.c_fc" or "all") and checks rank and alpha. */
export function loraFromOptions(o: ParsedOptions): LoraOptions {
  const raw = String(o['lora-targets']);
  const targets = (raw === 'all' ? LORA_TARGETS : raw.split(',').map((s) => s.trim())) as LoraTarget[];
  const lora = { rank: o.rank as number, alpha: o.alpha as number, targets };
  try {
    validateLora(lora);
  } catch (e) {
    throw new CliError(`${(e as Error).message} (see --rank, --alpha, --lora-targets)`);
  }
  return lora;
}

/** The LoRA options, their defaults from a lesson's recipe (alpha = 2r, as the page trains). */
export const loraOptions = (r: Recipe) => ({
  rank: { type: 'int', help: 'LoRA rank r', default: r.loraRank },
  alpha: { type: 'float', help: 'LoRA alpha (the update is scaled by alpha / r)', default: 2 * r.loraRank },
  'lora-targets': { type: 'string', meta: 'LIST', help: `matmuls LoRA adapts, comma-separated from ${LORA_TARGETS.join(', ')}, or all`, default: 'all' },
}) as const;

/** --save-every, --until and --resume of a resumable run; `data` names what a resumed run sees again. */
export const resumeOptions = (data: string) => ({
  'save-every': { type: 'int', help: 'write the checkpoint (resumable) every N steps (0 = only at the end)', default: 50 },
  until: { type: 'int', help: 'stop after this step and save (the run stays resumable with --resume)' },
  resume: { type: 'string', meta: 'FILE', help: `continue an unfinished run from its checkpoint exactly (same settings, step, AdamW moments and ${data})` },
}) as const;

// The defaults below are lesson 2's recipe (src/lessons/classify/recipe.ts), the one the page starts with.
const R = CLASSIFY_RECIPE;

export const spec: CommandSpec = {
  name: 'finetune-classify',
  summary: 'finetune a checkpoint into a spam classifier (new 2-class head) and report its test accuracy',
  options: {
    checkpoint: { type: 'string', meta: 'FILE', help: 'pretrained checkpoint to start from', default: BASE_CHECKPOINT },
    data: { type: 'string', meta: 'FILE', help: 'spam JSONL (id, split, label, text)', default: SPAM_DATA },
    everyday: { type: 'string', meta: 'FILE', help: 'second test split, out of the corpus\'s domain, reported beside the test split ("" to skip)', default: EVERYDAY_DATA },
    choice: { type: 'string', help: `what trains: ${FREEZE_CHOICES.join(', ')}`, default: R.choice },
    ...loraOptions(R),
    'read-at': { type: 'string', help: 'read the class at the "last" real token or the "first" token (experiment)', default: R.readAt },
    epochs: { type: 'int', help: 'passes over the training split', default: R.epochs },
    steps: { type: 'int', help: 'optimizer steps (overrides --epochs)' },
    batch: { type: 'int', help: 'messages per step', default: R.batch },
    lr: { type: 'float', help: 'peak learning rate (warm-up, then cosine to a tenth of it)', default: R.lr },
    warmup: { type: 'int', help: 'warm-up steps', default: R.warmup },
    'weight-decay': { type: 'float', help: 'AdamW weight decay (matrices only)', default: 0.1 },
    'log-every': { type: 'int', help: 'print the training loss every N steps', default: 10 },
    'eval-every': { type: 'int', help: 'validation accuracy every N steps (0 = at the end of each epoch)', default: 0 },
    'eval-batches': { type: 'int', help: 'at most this many validation batches per evaluation (0 = all)', default: 0 },
    limit: { type: 'int', help: 'use at most this many messages per split (quick runs)', default: 0 },
    seed: { type: 'int', help: 'seed for the new weights and the epoch order', default: R.seed },
    ...resumeOptions('batch order'),
    out: { type: 'string', meta: 'FILE', help: 'classifier checkpoint to write', required: true },
  },
  examples: [
    'npm run lab -- finetune-classify --choice last-block --epochs 3 --out runs/spam.safetensors',
    'npm run lab -- finetune-classify --choice lora --rank 8 --alpha 16 --out runs/spam-lora.safetensors',
    'npm run lab -- finetune-classify --resume runs/spam.safetensors --out runs/spam.safetensors',
  ],
};

/** Options that define a run: every checkpoint records them, so --resume continues the same run. */
const RUN_OPTIONS = ['checkpoint', 'data', 'choice', 'rank', 'alpha', 'lora-targets', 'read-at', 'epochs', 'steps', 'batch', 'lr', 'warmup', 'weight-decay', 'log-every', 'eval-every', 'eval-batches', 'limit', 'seed'] as const;

export async function run(o: ParsedOptions): Promise<void> {
  const resumed = o.resume ? readCheckpoint(o.resume as string) : undefined;
  if (resumed) applyRecordedSettings(o, resumed.info ?? {}, RUN_OPTIONS, 'classify', o.resume as string, 'start a new run with --checkpoint');
  const choice = o.choice as FreezeChoice;
  if (!FREEZE_CHOICES.includes(choice)) throw new CliError(`finetune-classify: unknown --choice "${o.choice}" (choose ${FREEZE_CHOICES.join(', ')})`);
  const readAt = o['read-at'] as ReadAt;
  if (readAt !== 'last' && readAt !== 'first') throw new CliError(`finetune-classify: --read-at must be "last" or "first", got "${readAt}"`);
  for (const k of ['batch', 'epochs', 'log-every'] as const) if ((o[k] as number) < 1) throw new CliError(`finetune-classify: --${k} must be at least 1`);
  for (const k of ['steps', 'until'] as const) if (o[k] !== undefined && (o[k] as number) < 1) throw new CliError(`finetune-classify: --${k} must be at least 1`);
  if (!((o.lr as number) > 0)) throw new CliError('finetune-classify: --lr must be positive');
  const lora = choice === 'lora' ? loraFromOptions(o) : undefined;
  const from = resumed ?? readCheckpoint(o.checkpoint as string);
  const tok = from.tokenizer;
  const c = from.config;
  const T = c.blockSize;
  const B = o.batch as number;
  const limit = (o.limit as number) > 0 ? (o.limit as number) : Infinity;
  const messages = loadSpam(o.data as string);
  const [train, val, test] = (['train', 'val', 'test'] as const).map((s) => spamSet(tok, messages, s, T, readAt, limit));
  if (train.examples.length === 0) throw new CliError(`${o.data} has no training messages (split "train")`);
  const src = classificationSource(train, val, test, B, T, tok.padId, o.seed as number);
  console.error(`data: ${train.examples.length} train, ${val.examples.length} val, ${test.examples.length} test messages (${train.truncated + val.truncated + test.truncated} cut to ${T} tokens); class read at the ${readAt} token`);

  const plan: FinetunePlan = { task: 'classify', choice, readAt, lora };
  let setup;
  try {
    // New head (and LoRA) tensors from the seeded init, and a fresh AdamW: the pretraining moments
    // belong to another objective. A resumed run has them all already, moments included.
    setup = resumed ? finetuneContinue(resumed, plan) : finetuneStart(from, plan, o.seed as number, o.checkpoint as string);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const { start, opts, counts } = setup;
  const { device, cache } = await openEngine();
  const model = await modelFromCheckpoint(device, cache, start, { ...opts, batchSize: B, seqLen: T, gradClip: 1 });
  const steps = (o.steps as number | undefined) ?? (o.epochs as number) * src.batchesPerEpoch;
  const until = Math.min((o.until as number | undefined) ?? steps, steps);
  const schedule = { maxLr: o.lr as number, minLr: (o.lr as number) / 10, warmupSteps: Math.min(o.warmup as number, steps), totalSteps: steps };
  const first = resumed?.optimizer?.step ?? 0;
  console.error(`model: choice "${choice}" trains ${counts.trainable.toLocaleString('en-US')} of ${counts.total.toLocaleString('en-US')} parameters (${((100 * counts.trainable) / counts.total).toFixed(2)}%)${lora ? `, LoRA rank ${lora.rank} alpha ${lora.alpha} on ${lora.targets.join(', ')}` : ''}; batch ${B} x ${T}, ${steps} steps (${src.batchesPerEpoch} per epoch)${first > 0 ? `, resumed at step ${first}` : ''}`);

  const evalLimit = (o['eval-batches'] as number) > 0 ? (o['eval-batches'] as number) : Infinity;
  const settings: ClassTrainSettings = {
    steps, schedule, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: o['weight-decay'] as number,
    logEvery: o['log-every'] as number, evalEvery: o['eval-every'] as number, evalBatches: evalLimit,
  };
  const prior = (from.info ?? {}) as Record<string, unknown>;
  const priorSeconds = resumed ? Number(prior.seconds ?? 0) : 0;
  let lastVal = resumed ? (prior.valAccuracy as number | undefined) : undefined;
  const t0 = performance.now();
  const secs = () => priorSeconds + (performance.now() - t0) / 1000;
  const save = async (step: number, extra: Record<string, unknown> = {}) => {
    const info = {
      stage: 'classify', base: o.checkpoint, baseSteps: resumed ? prior.baseSteps : prior.steps, steps: step, seconds: Math.round(secs()), batch: B, seed: o.seed,
      finetune: planInfo(plan), valAccuracy: lastVal, trainable: counts.trainable, settings: recordSettings(o, RUN_OPTIONS), ...extra,
    };
    return writeCheckpoint(o.out as string, await checkpointFromModel(model, tok, info, step));
  };
  const { step } = await runInSlices({
    command: 'finetune-classify', out: o.out as string, steps, until, every: o['save-every'] as number, start: first, save,
    train: async (from, next, stopped) => (await trainClassifier(model, src, { ...settings, from }, {
      onMetric: (m) => console.error(`step ${m.step}/${steps} | epoch ${m.epoch} | loss ${m.loss.toFixed(4)} | grad norm ${m.gradNorm.toFixed(3)} | lr ${m.lr.toExponential(2)} | ${m.msPerStep.toFixed(0)} ms/step | ETA ${formatDuration(((steps - m.step) * m.msPerStep) / 1000)}`),
      onEval: (at, v) => {
        lastVal = v.accuracy;
        console.error(`step ${at}/${steps} | validation accuracy ${(100 * v.accuracy).toFixed(1)}% on ${v.examples} | loss ${v.loss.toFixed(4)}`);
      },
      shouldStop: (at) => at >= next || stopped(),
    })).steps,
  });
  if (step < steps) {
    model.destroy();
    return;
  }
  const testEval = await evaluateClassifier(model, src.test());
  console.log(`test set: ${classReport(testEval, LABELS)}`);
  let everydayAccuracy: number | undefined;
  if (o.everyday) {
    const every = spamSet(tok, loadSpam(o.everyday as string), 'test', T, readAt);
    const e = await evaluateClassifier(model, classificationSource(every, every, every, B, T, tok.padId, 0).validation());
    everydayAccuracy = e.accuracy;
    console.log(`everyday messages (${o.everyday}): ${classReport(e, LABELS)}`);
  }
  const bytes = await save(step, { testAccuracy: testEval.accuracy, everydayAccuracy });
  console.log(`saved ${o.out} (${(bytes / 2 ** 20).toFixed(1)} MiB) after ${step} steps in ${formatDuration(secs())}`);
  model.destroy();
}
