/**
 * `lab pretrain`: next-token pretraining on the corpus with the real kernels, from scratch or
 * continuing a checkpoint. Saves a checkpoint (weights, AdamW moments, tokenizer, config) every
 * --save-every steps and at the end; a diverged run keeps the last good file.
 */
import type { CommandSpec, ParsedOptions } from '../args.ts';
import { PRESETS, parameterCount, type GPTConfig } from '../../model/config.ts';
import type { Checkpoint } from '../../train/checkpoint.ts';
import { checkMix, DEFAULT_BIO_MIX, mixedLMSource } from '../../train/mix.ts';
import { checkpointFromModel, freshCheckpoint, modelFromCheckpoint } from '../../train/model-io.ts';
import { loadTokenizer } from '../../train/tokenizer-json.ts';
import { DEFAULT_TRAIN, Trainer, type TrainSettings } from '../../train/trainer.ts';
import { applyRecordedSettings, CliError, DEFAULT_BIOS_TEXT, DEFAULT_TRAIN_TEXT, DEFAULT_VAL_TEXT, formatDuration, openEngine, readCheckpoint, readText, recordSettings, writeCheckpoint } from '../io.ts';
import { runInSlices } from '../slices.ts';

export const spec: CommandSpec = {
  name: 'pretrain',
  summary: 'pretrain a GPT on the corpus (next-token prediction) and save a checkpoint',
  options: {
    preset: { type: 'string', help: `model size: ${PRESETS.map((p) => p.id).join(', ')}`, default: 'small' },
    tokenizer: { type: 'string', meta: 'FILE', help: 'tokenizer JSON (from `lab tokenizer`)', default: 'public/models/tokenizer.json' },
    from: { type: 'string', meta: 'FILE', help: 'start from this checkpoint\'s weights (its config and tokenizer win); a new run with its own schedule' },
    resume: { type: 'string', meta: 'FILE', help: 'resume an unfinished run exactly where its checkpoint stopped (same settings, step, AdamW moments and batch order)' },
    text: { type: 'string', meta: 'FILE', help: 'training text', default: DEFAULT_TRAIN_TEXT },
    val: { type: 'string', meta: 'FILE', help: 'validation text', default: DEFAULT_VAL_TEXT },
    bios: { type: 'string', meta: 'FILE', help: 'the made-up world\'s biographies, the second source of the mix', default: DEFAULT_BIOS_TEXT },
    'bio-mix': { type: 'float', help: 'expected fraction of training rows (so tokens) drawn from --bios, the rest from --text (0 = text only)', default: DEFAULT_BIO_MIX },
    steps: { type: 'int', help: 'optimizer steps', default: DEFAULT_TRAIN.steps },
    batch: { type: 'int', help: 'sequences per step (default: the preset\'s)' },
    lr: { type: 'float', help: 'peak learning rate', default: DEFAULT_TRAIN.schedule.maxLr },
    'min-lr': { type: 'float', help: 'learning rate at the end of the cosine decay', default: DEFAULT_TRAIN.schedule.minLr },
    warmup: { type: 'int', help: 'warm-up steps', default: DEFAULT_TRAIN.schedule.warmupSteps },
    'weight-decay': { type: 'float', help: 'AdamW weight decay (matrices only)', default: DEFAULT_TRAIN.weightDecay },
    clip: { type: 'float', help: 'gradient-norm clip (0 = off)', default: DEFAULT_TRAIN.gradClip },
    'log-every': { type: 'int', help: 'read the loss back every N steps', default: DEFAULT_TRAIN.logEvery },
    'eval-every': { type: 'int', help: 'validation every N steps', default: DEFAULT_TRAIN.evalEvery },
    'eval-batches': { type: 'int', help: 'validation batches per evaluation', default: DEFAULT_TRAIN.evalBatches },
    'save-every': { type: 'int', help: 'write the checkpoint every N steps (0 = only at the end)', default: 250 },
    seed: { type: 'int', help: 'seed for the initial weights and the batch order', default: DEFAULT_TRAIN.seed },
    until: { type: 'int', help: 'stop after this step and save (the run stays resumable with --resume)' },
    out: { type: 'string', meta: 'FILE', help: 'checkpoint to write', required: true },
  },
  examples: ['npm run lab -- pretrain --preset small --steps 2000 --out public/models/base-small.safetensors'],
};

export async function run(o: ParsedOptions): Promise<void> {
  if (o.from && o.resume) throw new CliError('pretrain: give --from (new run from weights) or --resume (continue a run), not both');
  const resumed = o.resume ? readCheckpoint(o.resume as string) : undefined;
  if (resumed) applyRecordedSettings(o, resumed.info ?? {}, RUN_OPTIONS, 'pretrain', o.resume as string, 'use --from to start a new run from its weights');
  const from = resumed ?? (o.from ? readCheckpoint(o.from as string) : undefined);
  const preset = PRESETS.find((p) => p.id === o.preset);
  if (!preset) throw new CliError(`pretrain: unknown --preset "${o.preset}" (choose ${PRESETS.map((p) => p.id).join(', ')})`);
  const tokenizer = from?.tokenizer ?? loadTokenizer(readText(o.tokenizer as string, 'tokenizer'), o.tokenizer as string);
  const config: GPTConfig = from?.config ?? { ...preset.config, vocabSize: tokenizer.vocabSize };
  const B = (o.batch as number | undefined) ?? preset.batchSize;
  const T = config.blockSize;
  const steps = o.steps as number;
  const settings: TrainSettings = {
    ...DEFAULT_TRAIN,
    steps,
    schedule: { maxLr: o.lr as number, minLr: o['min-lr'] as number, warmupSteps: Math.min(o.warmup as number, steps), totalSteps: steps },
    weightDecay: o['weight-decay'] as number,
    gradClip: o.clip as number,
    logEvery: o['log-every'] as number,
    evalEvery: o['eval-every'] as number,
    evalBatches: o['eval-batches'] as number,
    seed: o.seed as number,
  };

  const t0 = performance.now();
  const train = tokenizer.encode(readText(o.text as string, 'training text'), { allowSpecial: true });
  const val = tokenizer.encode(readText(o.val as string, 'validation text'), { allowSpecial: true });
  // A run recorded before the mix existed (no bio-mix in its settings) trained on the text alone.
  o['bio-mix'] ??= 0;
  let mix: number;
  try {
    mix = checkMix(o['bio-mix'] as number, '--bio-mix');
  } catch (e) {
    throw new CliError(`pretrain: ${(e as Error).message}`);
  }
  const bios = mix > 0 ? tokenizer.encode(readText(o.bios as string, 'biographies'), { allowSpecial: true }) : [];
  console.error(`data: ${train.length.toLocaleString('en-US')} training and ${val.length.toLocaleString('en-US')} validation tokens${mix > 0 ? `, ${bios.length.toLocaleString('en-US')} biography tokens drawn for ${(mix * 100).toFixed(0)}% of the rows` : ''} (encoded in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);

  const { device, cache } = await openEngine();
  const start: Checkpoint = from ?? freshCheckpoint(config, tokenizer, settings.seed);
  const model = await modelFromCheckpoint(device, cache, start, { batchSize: B, seqLen: T, gradClip: settings.gradClip });
  const trainer = new Trainer(model, mixedLMSource(train, bios, val, B, T, tokenizer.padId, mix), settings);
  const prior = (from?.info ?? {}) as Record<string, unknown>;
  // A resumed run continues its own step count, so the schedule, AdamW's bias correction and the
  // batch of each step are exactly those of an uninterrupted run; --from starts a new count.
  if (resumed) {
    trainer.step = resumed.optimizer?.step ?? 0;
    trainer.tokens = Number(prior.tokensSeen ?? 0);
  }
  const priorSteps = resumed ? 0 : Number(prior.steps ?? 0);
  const priorTokens = resumed ? 0 : Number(prior.tokensSeen ?? 0);
  const priorSeconds = resumed ? Number(prior.seconds ?? 0) : 0;
  console.error(`model: ${parameterCount(config).toLocaleString('en-US')} parameters (${JSON.stringify(config)}), batch ${B} x ${T}, ${steps} steps`);

  let lastVal = resumed ? Number(prior.valLoss ?? NaN) : NaN;
  const runStart = performance.now();
  const save = async (final: boolean) => {
    const secs = (performance.now() - runStart) / 1000;
    const info = {
      stage: 'pretrain', steps: priorSteps + trainer.step, tokensSeen: priorTokens + trainer.tokens, valLoss: lastVal, bioMix: mix,
      seconds: Math.round(priorSeconds + secs), preset: preset.id, batch: B, settings: recordSettings(o, RUN_OPTIONS),
    };
    const bytes = writeCheckpoint(o.out as string, await checkpointFromModel(model, tokenizer, info, trainer.step));
    if (final) console.log(`saved ${o.out} (${(bytes / 2 ** 20).toFixed(1)} MiB): ${JSON.stringify(info)}`);
  };
  const until = Math.min((o.until as number | undefined) ?? steps, steps);
  const { step } = await runInSlices({
    command: 'pretrain', out: o.out as string, steps, until, every: o['save-every'] as number, start: trainer.step, save: () => save(false),
    train: (_from, next, stopped) => trainer.run({
      onMetric: (m) => {
        const eta = ((steps - m.step) * m.msPerStep) / 1000;
        console.error(`step ${m.step}/${steps} | loss ${m.trainLoss.toFixed(4)} | lr ${m.lr.toExponential(2)} | ${Math.round(m.tokensPerSec).toLocaleString('en-US')} tok/s | ${m.msPerStep.toFixed(0)} ms/step | ETA ${formatDuration(eta)}`);
      },
      onEval: (at, v) => {
        lastVal = v;
        console.error(`step ${at}/${steps} | validation loss ${v.toFixed(4)} (perplexity ${Math.exp(v).toFixed(1)})`);
      },
      shouldStop: stopped,
    }, next),
  });
  if (step < steps) return;
  await save(true);
  console.log(`trained to step ${trainer.step}, ${trainer.tokens.toLocaleString('en-US')} tokens in ${formatDuration((performance.now() - runStart) / 1000)}; final validation loss ${lastVal.toFixed(4)}`);
}

/** Options that define a run: stored in the checkpoint so --resume can continue it exactly. */
const RUN_OPTIONS = ['preset', 'text', 'val', 'bios', 'bio-mix', 'steps', 'batch', 'lr', 'min-lr', 'warmup', 'weight-decay', 'clip', 'log-every', 'eval-every', 'eval-batches', 'seed'] as const;

