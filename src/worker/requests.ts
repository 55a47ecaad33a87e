/**
 * The page's requests on any model (ModelRef: the current run's, or a checkpoint by id, shipped
 * included): sampling, a classifier's probabilities for one text, a classifier's report on a split
 * (or, for a model without a head, the prompted base model's: score.ts), and instruction scores
 * (score.ts), and the attention weights of a text (attention-maps.ts). Resolves the reference through the run or the model cache, reports progress of long
 * requests, and answers with the request's id. Thin: the measuring lives in src/train.
 */
import { seededShuffle } from '../data/split.ts';
import { LABELS, type Message, type Split } from '../data/types.ts';
import { FREEZE_CHOICES, frozenFor, parameterCounts, type FreezeChoice } from '../model/finetune.ts';
import type { GPUModel } from '../model/gpt.ts';
import { gptParamSpecs } from '../model/params.ts';
import { evaluateClassifier, toClassStepInput } from '../train/classtrain.ts';
import { finetuneInfo, finetuneOptions, modelFromCheckpoint } from '../train/model-io.ts';
import { spamSet } from '../train/finetune-setup.ts';
import { formatClassification } from '../train/prompt.ts';
import { promptedSpamBaseline } from '../train/score.ts';
import type { Checkpoint } from '../train/checkpoint.ts';
import type { Tokenizer } from '../train/tokenizer.ts';
import { classificationBatch } from '../train/batches.ts';
import { attentionMaps } from '../train/attention-maps.ts';
import type { Library } from './library.ts';
import { REQUEST_BATCH, type ModelCache } from './models.ts';
import type { ClassReport, FromWorker, InstructScores, InstructScoring, ModelRef, MyMessage, ToWorker } from './protocol.ts';
import type { Gpu, Run } from './run.ts';
import { scoreModel, toClassReport } from './reports.ts';
import { kernelsOf } from './run.ts';
import type { Sampler } from './sampler.ts';
import type { BuiltinSets } from './taskdata.ts';

/** What the requests need from the worker. */
export interface RequestContext {
  gpu(): Gpu | undefined;
  run(): Run | undefined;
  library: Library;
  models: ModelCache;
  sampler: Sampler;
  sets: BuiltinSets;
  post(m: FromWorker): void;
}

/** A model a request runs on, with what its checkpoint says about it. */
interface Target {
  model: GPUModel;
  tok: Tokenizer;
  info: Record<string, unknown> | undefined;
  exclusive<T>(f: () => Promise<T>): Promise<T>;
}

/** The model behind a reference: the run's (not while it trains), or a checkpoint built into the cache. */
export async function resolveModel(ctx: RequestContext, ref: ModelRef | undefined, requestId?: number): Promise<Target> {
  if (ref === undefined || ref === 'run') {
    const run = ctx.run();
    if (!run?.model) throw new Error('there is no run: start one, or choose a saved or shipped checkpoint');
    return { model: run.model, tok: run.tokenizer, info: run.info, exclusive: (f) => {
      if (run.status === 'training' || run.status === 'loading' || run.status === 'recovering') throw new Error('the run is training: pause it first, or choose a saved checkpoint');
      return f();
    } };
  }
  const gpu = ctx.gpu();
  if (!gpu) throw new Error('no GPU device yet: wait for the GPU panel to report one');
  const row = await ctx.library.info(ref);
  if (!row) throw new Error(`no checkpoint "${ref}" (it may have been deleted, or its file is not on the server)`);
  const loaded = await ctx.models.get(ref, String(row.savedAt), async () => {
    const ck: Checkpoint = await ctx.library.load(ref, (done, total) => requestId !== undefined && ctx.post({ type: 'progress', requestId, done, total, what: `loading ${row.name}` }));
    const head = finetuneOptions(ck);
    const model = await modelFromCheckpoint(gpu.device, gpu.cache, ck, {
      nClasses: head.nClasses, lora: head.lora, batchSize: REQUEST_BATCH, seqLen: ck.config.blockSize, kernels: kernelsOf(gpu),
    });
    return { ck, model };
  });
  return { model: loaded.model, tok: loaded.ck.tokenizer, info: loaded.ck.info, exclusive: loaded.exclusive };
}

/** Trainable and total parameters of a finetuned checkpoint, from the choice its info records. */
export function checkpointParams(t: Target): { trainable: number | null; total: number } {
  const c = t.model.config;
  const f = finetuneInfo({ config: c, tokenizer: t.tok, weights: new Map(), info: t.info });
  const opts = { nClasses: t.model.opts.nClasses, lora: t.model.opts.lora };
  const total = parameterCounts(gptParamSpecs(c, opts)).total;
  const choice = f?.choice as FreezeChoice | undefined;
  if (!choice || !FREEZE_CHOICES.includes(choice)) return { trainable: null, total };
  return { trainable: parameterCounts(gptParamSpecs(c, { ...opts, frozen: frozenFor(choice, c, opts) })).trainable, total };
}

/** Probabilities of each class (softmax of the head's logits) for one text. */
async function classProbs(t: Target, text: string): Promise<{ classes: string[]; probs: number[] }> {
  const NC = t.model.opts.nClasses;
  if (!NC) throw new Error('this model has no classifier head: finetune it for spam first (lesson 2), or choose a classifier');
  const f = finetuneInfo({ config: t.model.config, tokenizer: t.tok, weights: new Map(), info: t.info });
  const T = t.model.T;
  const ex = formatClassification(t.tok, text, T);
  const example = { ids: ex.ids, lastIndex: f?.readAt === 'first' ? 0 : ex.lastIndex };
  // One real row; the rest of the batch is filler (rowMask 0).
  const b = classificationBatch([example], Int32Array.of(0), [0], t.model.B, T, t.tok.padId);
  return t.exclusive(async () => {
    t.model.evalStep(toClassStepInput(b));
    const logits = (await t.model.readClassLogits()).slice(0, NC);
    const m = Math.max(...logits);
    const e = [...logits].map((x) => Math.exp(x - m));
    const z = e.reduce((s, x) => s + x, 0);
    return { classes: f?.classes ?? [...LABELS].slice(0, NC), probs: e.map((x) => x / z) };
  });
}

/** A counting wrapper over batches: reports each one as it is consumed. */
function* counted<T>(items: Iterable<T>, total: number, report: (done: number, total: number) => void): Generator<T> {
  let n = 0;
  for (const x of items) {
    yield x;
    report(++n, total);
  }
}

/** The messages of a report's split: the spam set's, or the everyday ones written for the lab with the learner's own after them (as test items). */
async function reportMessages(ctx: RequestContext, split: ClassReport['split'], mine: readonly MyMessage[]): Promise<{ messages: Message[]; split: Split }> {
  if (split === 'everyday') {
    const own = mine.map((m, i): Message => ({ id: `mine/${i + 1}`, split: 'test', label: m.label, text: m.text }));
    return { messages: [...(await ctx.sets.everyday()), ...own], split: 'test' };
  }
  const spam = await ctx.sets.get('classify');
  if (spam.kind !== 'classify') throw new Error('the spam set did not load');
  return { messages: spam.messages, split: split === 'test' ? 'test' : 'val' };
}

/** A finished classification run's report on the everyday messages and the learner's own (Run.everydayFinished). */
export function everydayOfRun(ctx: RequestContext, run: Run, mine: readonly MyMessage[]): Promise<ClassReport> {
  const t: Target = { model: run.model!, tok: run.tokenizer, info: run.info, exclusive: (f) => f() };
  return classReport(ctx, t, { split: 'everyday', mine }, () => {});
}

async function classReport(
  ctx: RequestContext, t: Target, msg: { split: ClassReport['split']; limit?: number; mine?: readonly MyMessage[] }, progress: (done: number, total: number) => void,
): Promise<ClassReport> {
  const { messages, split } = await reportMessages(ctx, msg.split, msg.mine ?? []);
  const mine = msg.split === 'everyday' ? { mine: msg.mine?.length ?? 0 } : {};
  const limit = msg.limit && msg.limit > 0 ? msg.limit : Infinity;
  if (t.model.opts.nClasses) {
    const f = finetuneInfo({ config: t.model.config, tokenizer: t.tok, weights: new Map(), info: t.info });
    const set = spamSet(t.tok, messages, split, t.model.T, f?.readAt ?? 'last', limit);
    const B = t.model.B;
    const batches = Math.ceil(set.examples.length / B);
    const rows = Array.from(set.examples.keys());
    const gen = function* () {
      for (let i = 0; i < rows.length; i += B) yield classificationBatch(set.examples, set.labels, rows.slice(i, i + B), B, t.model.T, t.tok.padId);
    };
    const e = await t.exclusive(() => evaluateClassifier(t.model, counted(gen(), batches, progress)));
    const seconds = typeof t.info?.seconds === 'number' ? t.info.seconds : 0;
    return { ...toClassReport(e, msg.split, checkpointParams(t), seconds), ...mine };
  }
  // No head: the prompted baseline, the base model asked "spam or ham?".
  const all = messages.filter((m) => m.split === split);
  // A seeded sample as spamSet takes it (the file is sorted by class, so its first lines would be all ham).
  const picked = limit < all.length ? seededShuffle(all, 17).slice(0, limit) : all;
  const items = picked.map((m) => ({ text: m.text, label: LABELS.indexOf(m.label) }));
  const r = await ctx.sampler.withDecoder(t.model, (dec) => promptedSpamBaseline(dec, t.tok, items, { onProgress: progress }));
  return {
    split: msg.split, ...mine, classes: r.classes, n: r.n, accuracy: r.accuracy, confusion: r.confusion, perClass: r.perClass,
    trainableParams: null, totalParams: parameterCounts(gptParamSpecs(t.model.config, {})).total, seconds: 0,
  };
}

/** Scores a finished instruction run's model and the model it started from, on the same instructions (Run.scoreFinished). */
export async function scoreFinishedRun(ctx: RequestContext, run: Run, scoring: InstructScoring): Promise<{ scores: InstructScores; baseScores: InstructScores | null }> {
  // A preference run scores the people its pairs named as known in a row of their own (in-pairs).
  const paired = run.trainer?.pairedPeople ?? [];
  const s = paired.length ? { ...scoring, pairedPeople: [...(scoring.pairedPeople ?? []), ...paired] } : scoring;
  const scores = await scoreModel(ctx.sets, ctx.sampler, run.model!, run.tokenizer, s);
  if (!run.parent) return { scores, baseScores: null };
  const base = await resolveModel(ctx, run.parent);
  return { scores, baseScores: await scoreModel(ctx.sets, ctx.sampler, base.model, base.tok, s) };
}

/** Handles one request message; errors are thrown for the caller to send with the request's id. */
export async function handleRequest(ctx: RequestContext, msg: Extract<ToWorker, { type: 'sample' | 'classify-text' | 'class-report' | 'score-instruct' | 'attention' }>): Promise<void> {
  const t = await resolveModel(ctx, msg.model, msg.requestId);
  const { requestId } = msg;
  switch (msg.type) {
    case 'sample':
      await ctx.sampler.sample(t.model, t.tok, msg, (token) => ctx.post({ type: 'sample-token', requestId, token }));
      ctx.post({ type: 'sample-done', requestId });
      return;
    case 'classify-text': {
      const { classes, probs } = await classProbs(t, msg.text);
      ctx.post({ type: 'class-probs', requestId, text: msg.text, classes, probs });
      return;
    }
    case 'class-report': {
      const progress = (done: number, total: number) => ctx.post({ type: 'progress', requestId, done, total, what: 'scoring messages' });
      ctx.post({ type: 'class-report', requestId, model: msg.model, report: await classReport(ctx, t, msg, progress) });
      return;
    }
    case 'attention': {
      const ids = [...t.tok.encode(msg.prompt), ...(msg.ids ?? [])];
      const maps = await t.exclusive(() => attentionMaps(t.model, ids));
      const tokens = ids.slice(0, maps.n).map((id) => (id === t.tok.endOfTextId ? '<|endoftext|>' : t.tok.tokenText(id)));
      ctx.post({ type: 'attention', requestId, model: msg.model, tokens, ...maps });
      return;
    }
    case 'score-instruct': {
      const scores = await scoreModel(ctx.sets, ctx.sampler, t.model, t.tok, msg, (done, total) => ctx.post({ type: 'progress', requestId, done, total, what: 'answering instructions' }));
      ctx.post({ type: 'instruct-scores', requestId, model: msg.model, scores });
      return;
    }
  }
}
