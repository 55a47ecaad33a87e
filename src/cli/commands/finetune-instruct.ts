/**
 * `lab finetune-instruct`: instruction tuning of a pretrained checkpoint on the Alpaca-style set.
 * The prompt tokens are left out of the loss unless --mask-prompt false; --lora trains only
 * low-rank adapters (the base weights stay frozen), otherwise every weight trains. Runs the shared
 * Trainer (warm-up + cosine, clipping, validation loss on the val split), shows one greedy answer to
 * a validation prompt at the end, and saves a checkpoint (LoRA adapters as extra weights: see
 * model-io.ts; `lab export` merges them).
 */
import type { CommandSpec, ParsedOptions } from '../args.ts';
import { parseBuiltinInstruct } from '../../data/builtin.ts';
import { formatDataError } from '../../data/errors.ts';
import { generate } from '../../train/generate.ts';
import { checkpointFromModel, modelFromCheckpoint } from '../../train/model-io.ts';
import { finetuneStart, instructSet, planInfo, type FinetunePlan } from '../../train/finetune-setup.ts';
import { formatPrompt } from '../../train/prompt.ts';
import { instructionLengths } from '../../train/batches.ts';
import { instructionSource } from '../../train/sources.ts';
import { DEFAULT_TRAIN, DivergedError, Trainer, type TrainSettings } from '../../train/trainer.ts';
import { BASE_CHECKPOINT, CliError, formatDuration, openEngine, readCheckpoint, readText, writeCheckpoint } from '../io.ts';
import { loraFromOptions, loraOptions } from './finetune-classify.ts';
import { INSTRUCT_RECIPE } from '../../lessons/instruct/recipe.ts';

// The defaults below are lesson 3's recipe (src/lessons/instruct/recipe.ts), the one the page starts with.
const R = INSTRUCT_RECIPE;

export const spec: CommandSpec = {
  name: 'finetune-instruct',
  summary: 'instruction-tune a checkpoint (prompt tokens masked out of the loss), optionally with LoRA',
  options: {
    checkpoint: { type: 'string', meta: 'FILE', help: 'pretrained checkpoint to start from', default: BASE_CHECKPOINT },
    data: { type: 'string', meta: 'FILE', help: 'instruction JSONL (instruction, input, output, task, split)', default: 'public/datasets/instruct.jsonl' },
    // A string, not a flag, so the lesson's `--mask-prompt false` reads as written.
    'mask-prompt': { type: 'string', meta: 'true|false', help: 'leave the prompt tokens out of the loss (false: learn them too)', default: String(R.maskPrompt) },
    'short-batches': { type: 'string', meta: 'true|false', help: 'run a batch of short examples at fewer columns (same loss and gradients, less work); false pads every batch to the context', default: 'true' },
    lora: { type: 'bool', help: 'train LoRA adapters only (base weights frozen)', default: R.choice === 'lora' },
    ...loraOptions(R),
    steps: { type: 'int', help: 'optimizer steps', default: R.steps },
    batch: { type: 'int', help: 'examples per step', default: R.batch },
    lr: { type: 'float', help: 'peak learning rate', default: R.lr },
    warmup: { type: 'int', help: 'warm-up steps', default: R.warmup },
    'weight-decay': { type: 'float', help: 'AdamW weight decay (matrices only)', default: 0.1 },
    'log-every': { type: 'int', help: 'print the training loss every N steps', default: 10 },
    'eval-every': { type: 'int', help: 'validation loss every N steps', default: 100 },
    'eval-batches': { type: 'int', help: 'validation batches per evaluation', default: 8 },
    seed: { type: 'int', help: 'seed for new weights and the batch order', default: R.seed },
    out: { type: 'string', meta: 'FILE', help: 'checkpoint to write', required: true },
  },
  examples: [
    'npm run lab -- finetune-instruct --steps 500 --out runs/instruct.safetensors',
    'npm run lab -- finetune-instruct --lora --rank 8 --mask-prompt false --out runs/instruct-lora.safetensors',
  ],
};

/** A string option that must read true or false, as the lesson writes them. */
function trueOrFalse(o: ParsedOptions, name: string): boolean {
  if (o[name] !== 'true' && o[name] !== 'false') throw new CliError(`finetune-instruct: --${name} takes true or false, got "${o[name]}"`);
  return o[name] === 'true';
}

export async function run(o: ParsedOptions): Promise<void> {
  for (const k of ['batch', 'steps', 'log-every', 'eval-batches'] as const) if ((o[k] as number) < 1) throw new CliError(`finetune-instruct: --${k} must be at least 1`);
  if (!((o.lr as number) > 0)) throw new CliError('finetune-instruct: --lr must be positive');
  const lora = o.lora ? loraFromOptions(o) : undefined;
  const from = readCheckpoint(o.checkpoint as string);
  const tok = from.tokenizer;
  const c = from.config;
  const T = c.blockSize;
  const B = o.batch as number;
  const parsed = parseBuiltinInstruct(o.data as string, readText(o.data as string, 'instruction dataset'));
  if (!parsed.ok) throw new CliError(`bad instruction dataset:\n${parsed.errors.map(formatDataError).join('\n')}`);
  const maskPrompt = trueOrFalse(o, 'mask-prompt');
  const shortBatches = trueOrFalse(o, 'short-batches');
  const [train, val] = (['train', 'val'] as const).map((s) => instructSet(tok, parsed.value, s, T, maskPrompt));
  if (train.examples.length === 0) throw new CliError(`${o.data}: no training example fits a ${T}-token context`);
  if (val.examples.length === 0) throw new CliError(`${o.data}: no validation example (split "val") fits a ${T}-token context`);
  console.error(`data: ${train.examples.length} train and ${val.examples.length} val examples (${train.dropped + val.dropped} dropped: no room for the response in ${T} tokens); prompt ${maskPrompt ? 'masked out of' : 'counted in'} the loss`);

  const plan: FinetunePlan = { task: 'instruct', maskPrompt, lora };
  let setup;
  try {
    setup = finetuneStart(from, plan, o.seed as number, o.checkpoint as string);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const { start, opts, counts } = setup;
  const steps = o.steps as number;
  const settings: TrainSettings = {
    ...DEFAULT_TRAIN,
    steps,
    schedule: { maxLr: o.lr as number, minLr: (o.lr as number) / 10, warmupSteps: Math.min(o.warmup as number, steps), totalSteps: steps },
    weightDecay: o['weight-decay'] as number,
    logEvery: o['log-every'] as number,
    evalEvery: o['eval-every'] as number,
    evalBatches: o['eval-batches'] as number,
    seed: o.seed as number,
  };
  const { device, cache } = await openEngine();
  const seqLens = shortBatches ? instructionLengths(T) : [];
  const model = await modelFromCheckpoint(device, cache, start, { ...opts, batchSize: B, seqLen: T, gradClip: settings.gradClip, seqLens });
  console.error(`model: trains ${counts.trainable.toLocaleString('en-US')} of ${counts.total.toLocaleString('en-US')} parameters${lora ? ` (LoRA rank ${lora.rank} alpha ${lora.alpha} on ${lora.targets.join(', ')})` : ''}; batch ${B} x ${seqLens.length ? `${[...seqLens, T].join('|')} (the fewest columns that hold a batch's longest example)` : T}, ${steps} steps`);
  const trainer = new Trainer(model, instructionSource(train.examples, val.examples, B, T, tok.padId, seqLens), settings);
  let lastVal = NaN;
  const t0 = performance.now();
  try {
    await trainer.run({
      onMetric: (m) => console.error(`step ${m.step}/${steps} | loss ${m.trainLoss.toFixed(4)} | lr ${m.lr.toExponential(2)} | ${m.msPerStep.toFixed(0)} ms/step | ETA ${formatDuration(((steps - m.step) * m.msPerStep) / 1000)}`),
      onEval: (step, v) => {
        lastVal = v;
        console.error(`step ${step}/${steps} | validation loss ${v.toFixed(4)} (response tokens${maskPrompt ? '' : ' and prompt'})`);
      },
    });
  } catch (e) {
    if (e instanceof DivergedError) throw new CliError(e.message);
    throw e;
  }
  const secs = (performance.now() - t0) / 1000;
  const finetune = planInfo(plan);
  const info = { stage: 'instruct', base: o.checkpoint, baseSteps: from.info?.steps, steps: trainer.step, seconds: Math.round(secs), batch: B, seed: settings.seed, valLoss: lastVal, finetune };
  const ck = await checkpointFromModel(model, tok, info, trainer.step);
  const bytes = writeCheckpoint(o.out as string, ck);
  model.destroy();
  console.log(`saved ${o.out} (${(bytes / 2 ** 20).toFixed(1)} MiB) after ${trainer.step} steps in ${formatDuration(secs)}; final validation loss ${lastVal.toFixed(4)}`);

  // One greedy answer to a validation prompt, so the run shows what it learned.
  const sample = parsed.value.find((r) => r.split === 'val')!;
  const gen = await modelFromCheckpoint(device, cache, ck, { batchSize: 1, seqLen: T });
  const prompt = formatPrompt(sample);
  const toks = await generate(gen, tok, tok.encode(prompt), { maxTokens: 24, temperature: 0, topK: 0, topP: 1, seed: 1 });
  console.log(`sample (val): ${JSON.stringify(prompt)} -> ${JSON.stringify(toks.map((t) => t.text).join('').replace('<|endoftext|>', ''))} (reference ${JSON.stringify(sample.output)})`);
  gen.destroy();
}
