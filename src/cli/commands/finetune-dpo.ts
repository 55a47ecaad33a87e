/**
 * `lab finetune-dpo`: preference tuning (DPO, lesson 4) of an instruction-tuned checkpoint on
 * preference pairs (public/datasets/world-prefs.jsonl by default). The start checkpoint is also the
 * frozen reference. Each step draws --batch pairs, runs the reference forward for their summed
 * log-probabilities, and trains the policy on the DPO loss (+ --nll x the chosen answers' NLL);
 * prints the loss, the reward margin and the chosen/rejected log-probabilities. --lora trains
 * adapters only. Resumable like finetune-classify: --save-every, --until, --resume, Ctrl-C saves.
 */
import type { CommandSpec, ParsedOptions } from '../args.ts';
import { formatDataError } from '../../data/errors.ts';
import { parsePrefsJsonl } from '../../data/prefs.ts';
import { instructionLengths } from '../../train/batches.ts';
import { DpoTrainer, pretrainingReplay, type DpoMetric, type ReplayRows } from '../../train/dpo.ts';
import { DEFAULT_BIO_MIX } from '../../train/mix.ts';
import type { Tokenizer } from '../../train/tokenizer.ts';
import { finetuneContinue, finetuneStart, type FinetunePlan } from '../../train/finetune-setup.ts';
import { checkpointFromModel, modelFromCheckpoint } from '../../train/model-io.ts';
import { formatPairs } from '../../train/prefs.ts';
import { applyRecordedSettings, CliError, DEFAULT_BIOS_TEXT, DEFAULT_TRAIN_TEXT, formatDuration, openEngine, readCheckpoint, readText, recordSettings, writeCheckpoint } from '../io.ts';
import { runInSlices } from '../slices.ts';
import { loraFromOptions, loraOptions, resumeOptions } from './finetune-classify.ts';
import { PREFER_PAIRS, PREFER_RECIPE, PREFER_START } from '../../lessons/prefer/recipe.ts';

// The defaults below are lesson 4's recipe (src/lessons/prefer/recipe.ts), the one the page starts with.
const R = PREFER_RECIPE;

export const spec: CommandSpec = {
  name: 'finetune-dpo',
  summary: 'preference-tune an instruction-tuned checkpoint with DPO on chosen/rejected pairs (the checkpoint is also the frozen reference)',
  options: {
    checkpoint: { type: 'string', meta: 'FILE', help: 'instruction-tuned checkpoint to start from; also the frozen reference', default: PREFER_START },
    data: { type: 'string', meta: 'FILE', help: 'preference pairs JSONL (instruction, chosen, rejected)', default: PREFER_PAIRS },
    beta: { type: 'float', help: 'preference strength: the reward is beta x the log-probability ratio to the reference', default: R.beta },
    nll: { type: 'float', help: 'weight of the chosen answers\' mean token NLL added to the loss (0 = pure DPO)', default: R.nll },
    replay: { type: 'int', help: 'pretraining replay: rows of pretraining text (Brown + the world\'s biographies, mixed as the base was) trained as language modelling under each step\'s pairs (0 = none)', default: R.replay },
    'replay-weight': { type: 'float', help: 'weight of the replay rows\' mean token NLL in the loss', default: R.replayWeight },
    lora: { type: 'bool', help: 'train LoRA adapters only (base weights frozen)', default: R.choice === 'lora' },
    ...loraOptions(R),
    steps: { type: 'int', help: 'optimizer steps', default: R.steps },
    batch: { type: 'int', help: 'pairs per step (the model runs twice as many rows)', default: R.batch },
    lr: { type: 'float', help: 'peak learning rate (warm-up, then cosine to a tenth of it)', default: R.lr },
    warmup: { type: 'int', help: 'warm-up steps', default: R.warmup },
    'weight-decay': { type: 'float', help: 'AdamW weight decay (matrices only)', default: 0.1 },
    'log-every': { type: 'int', help: 'print the figures every N steps', default: 10 },
    seed: { type: 'int', help: 'seed for new LoRA weights and the pairs drawn each step', default: R.seed },
    ...resumeOptions('pairs'),
    out: { type: 'string', meta: 'FILE', help: 'checkpoint to write', required: true },
  },
  examples: [
    'npm run lab -- finetune-dpo --out runs/dpo.safetensors',
    'npm run lab -- finetune-dpo --nll 0 --lr 1e-4 --out runs/dpo-pure.safetensors',
    'npm run lab -- finetune-dpo --replay 0 --out runs/dpo-no-replay.safetensors',
    'npm run lab -- finetune-dpo --resume runs/dpo.safetensors --out runs/dpo.safetensors',
  ],
};

/** Options that define a run: every checkpoint records them, so --resume continues the same run. */
const RUN_OPTIONS = ['checkpoint', 'data', 'beta', 'nll', 'replay', 'replay-weight', 'lora', 'rank', 'alpha', 'lora-targets', 'steps', 'batch', 'lr', 'warmup', 'weight-decay', 'log-every', 'seed'] as const;

/** One printed line of figures (with the replay rows' NLL when the run has them). */
export function dpoLine(m: DpoMetric, steps: number, replay = false): string {
  return `step ${m.step}/${steps} | loss ${m.loss.toFixed(4)} (dpo ${m.dpoLoss.toFixed(4)}, nll ${m.nll.toFixed(4)}${replay ? `, replay ${m.lm.toFixed(4)}` : ''}) | margin ${m.margin.toFixed(3)} | ` +
    `log p chosen ${m.chosen.toFixed(2)} rejected ${m.rejected.toFixed(2)} | pairs ordered ${(100 * m.accuracy).toFixed(0)}% | lr ${m.lr.toExponential(2)} | ` +
    `${m.msPerStep.toFixed(0)} ms/step | ETA ${formatDuration(((steps - m.step) * m.msPerStep) / 1000)}`;
}

export async function run(o: ParsedOptions): Promise<void> {
  const resumed = o.resume ? readCheckpoint(o.resume as string) : undefined;
  if (resumed) {
    applyRecordedSettings(o, resumed.info ?? {}, RUN_OPTIONS, 'prefer', o.resume as string, 'start a new run with --checkpoint');
    // A run recorded before pretraining replay existed had none: it continues without.
    o.replay ??= 0;
    o['replay-weight'] ??= 0;
  }
  for (const k of ['batch', 'steps', 'log-every'] as const) if ((o[k] as number) < 1) throw new CliError(`finetune-dpo: --${k} must be at least 1`);
  if (o.until !== undefined && (o.until as number) < 1) throw new CliError('finetune-dpo: --until must be at least 1');
  if (!((o.lr as number) > 0)) throw new CliError('finetune-dpo: --lr must be positive');
  if (!((o.beta as number) > 0)) throw new CliError('finetune-dpo: --beta must be positive');
  if (!((o.nll as number) >= 0)) throw new CliError('finetune-dpo: --nll must be 0 or more');
  if ((o.replay as number) < 0) throw new CliError('finetune-dpo: --replay must be 0 (none) or more rows');
  if (!((o['replay-weight'] as number) >= 0)) throw new CliError('finetune-dpo: --replay-weight must be 0 or more');
  const lora = o.lora ? loraFromOptions(o) : undefined;
  const refCk = readCheckpoint(o.checkpoint as string);
  if (refCk.weights.has('cls.weight')) throw new CliError(`${o.checkpoint} is a classifier; finetune-dpo starts from an instruction-tuned language model`);
  const tok = refCk.tokenizer;
  const T = refCk.config.blockSize;
  const P = o.batch as number;
  const parsed = parsePrefsJsonl(o.data as string, readText(o.data as string, 'preference pairs'));
  if (!parsed.ok) throw new CliError(`bad preference pairs:\n${parsed.errors.map(formatDataError).join('\n')}`);
  const data = formatPairs(tok, parsed.value, T);
  if (data.pairs.length === 0) throw new CliError(`${o.data}: no pair's answers fit a ${T}-token context`);
  console.error(`data: ${data.pairs.length} pairs (${data.dropped} dropped: an answer does not fit ${T} tokens; ${data.cut} with the prompt's start cut to fit)`);

  const plan: FinetunePlan = { task: 'instruct', maskPrompt: true, lora };
  const textRows = o.replay as number;
  const dpo = { beta: o.beta as number, nll: o.nll as number, textRows, lm: o['replay-weight'] as number };
  const replay = textRows > 0 ? replayRows(tok, textRows) : undefined;
  let setup;
  try {
    setup = resumed ? finetuneContinue(resumed, plan) : finetuneStart(refCk, plan, o.seed as number, o.checkpoint as string);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
  const { start, opts, counts } = setup;
  const { device, cache } = await openEngine();
  const seqLens = instructionLengths(T);
  const shape = { batchSize: 2 * P + textRows, seqLen: T, seqLens, dpo };
  const policy = await modelFromCheckpoint(device, cache, start, { ...opts, ...shape, gradClip: 1 });
  const reference = await modelFromCheckpoint(device, cache, { ...refCk, optimizer: undefined }, shape);
  const steps = o.steps as number;
  const until = Math.min((o.until as number | undefined) ?? steps, steps);
  const schedule = { maxLr: o.lr as number, minLr: (o.lr as number) / 10, warmupSteps: Math.min(o.warmup as number, steps), totalSteps: steps };
  const settings = { steps, pairs: P, schedule, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: o['weight-decay'] as number, logEvery: o['log-every'] as number, seed: o.seed as number };
  const trainer = new DpoTrainer(policy, reference, data.pairs, settings, tok.padId, seqLens, replay);
  trainer.step = resumed?.optimizer?.step ?? 0;
  console.error(`model: trains ${counts.trainable.toLocaleString('en-US')} of ${counts.total.toLocaleString('en-US')} parameters${lora ? ` (LoRA rank ${lora.rank} alpha ${lora.alpha} on ${lora.targets.join(', ')})` : ''}; ${P} pairs (${2 * P} rows)${textRows ? ` + ${textRows} replay rows (weight ${dpo.lm})` : ''} x up to ${T} tokens a step, beta ${dpo.beta}, nll ${dpo.nll}, ${steps} steps${trainer.step > 0 ? `, resumed at step ${trainer.step}` : ''}`);

  const prior = (resumed?.info ?? {}) as Record<string, unknown>;
  const priorSeconds = Number(prior.seconds ?? 0);
  let last: DpoMetric | undefined;
  const t0 = performance.now();
  const secs = () => priorSeconds + (performance.now() - t0) / 1000;
  const save = async (step: number) => {
    const figures = last ? { margin: last.margin, chosen: last.chosen, rejected: last.rejected, loss: last.loss } : prior.figures;
    const info = {
      stage: 'prefer', base: o.checkpoint, baseSteps: resumed ? prior.baseSteps : refCk.info?.steps, steps: step, seconds: Math.round(secs()), batch: P, seed: o.seed,
      finetune: { task: 'prefer', choice: lora ? 'lora' : 'all', lora, beta: dpo.beta, nll: dpo.nll, replay: textRows, replayWeight: dpo.lm }, trainable: counts.trainable, figures, settings: recordSettings(o, RUN_OPTIONS),
    };
    return writeCheckpoint(o.out as string, await checkpointFromModel(policy, tok, info, step));
  };
  const { step } = await runInSlices({
    command: 'finetune-dpo', out: o.out as string, steps, until, every: o['save-every'] as number, start: trainer.step, save,
    train: (_from, next, stopped) => trainer.run({ onMetric: (m) => { last = m; console.error(dpoLine(m, steps, textRows > 0)); }, shouldStop: (at) => at >= next || stopped() }, next),
  });
  if (step === steps) await save(step);
  policy.destroy();
  reference.destroy();
  if (step < steps) return;
  console.log(`saved ${o.out} after ${steps} steps in ${formatDuration(secs())}${last ? `; last reward margin ${last.margin.toFixed(3)}, log p chosen ${last.chosen.toFixed(2)}, rejected ${last.rejected.toFixed(2)}` : ''}. Score it: npm run lab -- score --checkpoint ${o.out} --families world --pairs ${o.data}`);
}

/** Replay rows from the pretraining text the shipped base was trained on: Brown's training split and the world's biographies, mixed as the base was. */
function replayRows(tok: Tokenizer, rows: number): ReplayRows {
  const enc = (file: string, what: string) => tok.encode(readText(file, what), { allowSpecial: true });
  const brown = enc(DEFAULT_TRAIN_TEXT, 'pretraining text');
  const bios = enc(DEFAULT_BIOS_TEXT, 'biographies');
  console.error(`replay: ${rows} rows a step of pretraining text (${brown.length.toLocaleString('en-US')} Brown + ${bios.length.toLocaleString('en-US')} biography tokens, ${100 * DEFAULT_BIO_MIX}% biography rows)`);
  return pretrainingReplay(brown, bios, rows);
}
