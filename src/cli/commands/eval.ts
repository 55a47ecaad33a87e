/**
 * `lab eval`: measures a checkpoint. A language model gets its validation loss (and perplexity) on
 * the corpus's held-out text; a classifier (a checkpoint with cls.* weights) gets accuracy,
 * per-class precision/recall and the confusion matrix on a split of the spam set, read at the
 * position it was trained with. LoRA checkpoints are evaluated with their adapters. With --prompted,
 * a language model is asked "spam or ham?" after each message instead (lesson 2's baseline without a
 * head; score.ts runs it). With --facts, the "facts the model knows" probe on the made-up world (facts.ts).
 */
import type { CommandSpec, ParsedOptions } from '../args.ts';
import { LABELS } from '../../data/types.ts';
import { countValidationBatches } from '../../train/batches.ts';
import { evaluateClassifier } from '../../train/classtrain.ts';
import { finetuneInfo, finetuneOptions, modelFromCheckpoint } from '../../train/model-io.ts';
import { classificationSource, lmSource } from '../../train/sources.ts';
import { DEFAULT_TRAIN, Trainer } from '../../train/trainer.ts';
import { CliError, DEFAULT_VAL_TEXT, openEngine, readCheckpoint, readText } from '../io.ts';
import { classReport, loadSpam, spamSet, SPAM_DATA } from './finetune-classify.ts';
import { runPrompted } from './score.ts';
import { runFacts, WORLD_DATA } from './facts.ts';

export const spec: CommandSpec = {
  name: 'eval',
  summary: 'validation loss of a checkpoint on the corpus, accuracy of a classifier, or (--prompted) the base model asked "spam or ham?"',
  options: {
    checkpoint: { type: 'string', meta: 'FILE', help: 'checkpoint to evaluate', required: true },
    text: { type: 'string', meta: 'FILE', help: 'held-out text (language models)', default: DEFAULT_VAL_TEXT },
    data: { type: 'string', meta: 'FILE', help: 'spam JSONL (classifiers and --prompted)', default: SPAM_DATA },
    split: { type: 'string', help: 'spam split to score: train, val or test (classifiers and --prompted)', default: 'test' },
    batch: { type: 'int', help: 'sequences per batch', default: 8 },
    batches: { type: 'int', help: 'at most this many batches (0 = all)', default: 0 },
    prompted: { type: 'bool', help: 'spam baseline without a head: the language model answers "spam" or "ham" after each message of --split', default: false },
    limit: { type: 'int', help: '--prompted: at most this many messages, a seeded sample (0 = all)', default: 0 },
    facts: { type: 'bool', help: 'the "facts the model knows" probe: is each person\'s true value the likeliest of the candidates after the cue ("X was born in")?', default: false },
    world: { type: 'string', meta: 'FILE', help: '--facts: the made-up world', default: WORLD_DATA },
    'facts-people': { type: 'int', help: '--facts: people per side, known and unknown (0 = all)', default: 0 },
    'facts-attributes': { type: 'string', help: '--facts: attributes to ask, comma-separated (town, job, food)', default: 'town' },
  },
  examples: [
    'npm run lab -- eval --checkpoint runs/test.safetensors',
    'npm run lab -- eval --checkpoint runs/spam.safetensors --split val',
    'npm run lab -- eval --checkpoint public/models/base-small.safetensors --prompted --limit 200',
    'npm run lab -- eval --checkpoint runs/base.safetensors --facts --facts-people 50',
  ],
};

export async function run(o: ParsedOptions): Promise<void> {
  if (o.prompted) return runPrompted(o.checkpoint as string, o.data as string, o.split, o.limit as number);
  if (o.facts) return runFacts(o.checkpoint as string, o.world as string, o['facts-people'] as number, o['facts-attributes'] as string);
  const B = o.batch as number;
  if (B < 1) throw new CliError('eval: --batch must be at least 1');
  const limit = (o.batches as number) > 0 ? (o.batches as number) : Infinity;
  const ck = readCheckpoint(o.checkpoint as string);
  let ft: ReturnType<typeof finetuneOptions>;
  try {
    ft = finetuneOptions(ck);
  } catch (e) {
    throw new CliError(`${o.checkpoint}: ${(e as Error).message}`);
  }
  const T = ck.config.blockSize;
  const tok = ck.tokenizer;
  if (ft.nClasses) {
    const split = o.split as string;
    if (split !== 'train' && split !== 'val' && split !== 'test') throw new CliError(`eval: --split must be train, val or test, got "${split}"`);
    const classes = finetuneInfo(ck)?.classes ?? [...LABELS];
    if (classes.length !== ft.nClasses) throw new CliError(`${o.checkpoint}: the head has ${ft.nClasses} classes but the checkpoint names ${classes.length}`);
    const readAt = finetuneInfo(ck)?.readAt ?? 'last';
    // With --batches, a seeded sample of the split (the file is sorted by class).
    const set = spamSet(tok, loadSpam(o.data as string), split, T, readAt, limit * B);
    if (set.examples.length === 0) throw new CliError(`${o.data} has no messages in split "${split}"`);
    const { device, cache } = await openEngine();
    const model = await modelFromCheckpoint(device, cache, ck, { ...ft, batchSize: B, seqLen: T });
    const e = await evaluateClassifier(model, classificationSource(set, set, set, B, T, tok.padId, 0).validation());
    console.log(`${o.checkpoint} (classifier, class read at the ${readAt} token), ${split} split: ${classReport(e, classes)}`);
    model.destroy();
    return;
  }
  const val = tok.encode(readText(o.text as string, 'validation text'), { allowSpecial: true });
  if (val.length < T + 1) throw new CliError(`${o.text} has ${val.length} tokens; a window needs ${T + 1}`);
  const { device, cache } = await openEngine();
  const model = await modelFromCheckpoint(device, cache, ck, { ...ft, batchSize: B, seqLen: T });
  const all = countValidationBatches(val.length, B, T);
  const n = Math.min(all, limit);
  const trainer = new Trainer(model, lmSource(val, val, B, T, tok.padId), { ...DEFAULT_TRAIN, evalBatches: n });
  const t0 = performance.now();
  const loss = await trainer.evaluate();
  const secs = (performance.now() - t0) / 1000;
  console.log(`${o.checkpoint}: validation loss ${loss.toFixed(4)} (perplexity ${Math.exp(loss).toFixed(1)}) over ${n} of ${all} batches of ${B} x ${T} tokens from ${o.text} (${secs.toFixed(1)} s)`);
  model.destroy();
}
