/**
 * Our side of the training benchmark, the same code in Node (Dawn) and on the bench page in
 * Chromium: full training steps of the real GPUModel (forward, fused cross-entropy, backward,
 * gradient clipping, AdamW; src/model/gpt.ts) with the kernels the lab picks for this adapter
 * (defaultKernelChoice), and greedy generation with the KV cache (generateCached) on the same
 * weights. Builds its own model per preset and frees it. Wall time from submit to the loss read
 * back, as the trainer waits, so it needs no timestamp-query feature.
 */
import type { PipelineCache } from '../../src/gpu/pipelines.ts';
import type { Preset } from '../../src/model/config.ts';
import { KVDecoder } from '../../src/model/decoder.ts';
import { initParams } from '../../src/model/flat.ts';
import { GPUModel } from '../../src/model/gpt.ts';
import { defaultKernelChoice, type KernelChoice } from '../../src/model/passes.ts';
import { generateCached } from '../../src/train/generate.ts';
import { Tokenizer } from '../../src/train/tokenizer.ts';
import { BENCH_ADAMW, benchBatch, timeSteps, trainRow, type GenTiming, type StepPlan, type TrainTiming } from './train-steps.ts';

/**
 * A tokenizer with exactly V tokens (merges of made-up pairs): generation only needs the ids of
 * end-of-text and padding and a decode for each token, and the presets' V differ from the shipped one.
 */
export function benchTokenizer(V: number): Tokenizer {
  return new Tokenizer(Array.from({ length: V - 258 }, (_, r) => [r % 256, Math.floor(r / 256)] as const));
}

/** Times training steps and then KV-cache generation of `genTokens` tokens for one preset (kernels: the adapter's defaults unless given). */
export async function benchOursTrain(
  device: GPUDevice,
  cache: PipelineCache,
  isFallback: boolean,
  p: Preset,
  plan: StepPlan,
  genTokens: number,
  log: (line: string) => void = () => {},
  kernels: KernelChoice = defaultKernelChoice(isFallback),
): Promise<{ train: TrainTiming; gen: GenTiming | null }> {
  const c = p.config;
  const model = await GPUModel.create(device, cache, c, { batchSize: p.batchSize, seqLen: c.blockSize, kernels, gradClip: BENCH_ADAMW.gradClip });
  try {
    model.setParams(initParams(model.layout, 1));
    // One untimed step before the warm-up: where waits are paced (Node, src/gpu/pace.ts) the pacer
    // learns nothing from its first wait, so without it a slow preset timed for one step never
    // shows the paced wait the trainer runs with.
    model.trainStep(benchBatch(p.batchSize, c.blockSize, c.vocabSize, 0), { ...BENCH_ADAMW, step: 1 });
    await model.readLoss();
    const timing = await timeSteps(async (n, from) => {
      for (let s = from; s < from + n; s++) model.trainStep(benchBatch(p.batchSize, c.blockSize, c.vocabSize, s), { ...BENCH_ADAMW, step: s + 1 });
      await model.readLoss(); // as the trainer waits: paced where waiting spins the CPU (src/gpu/pace.ts)
    }, plan);
    const { loss } = await model.readLoss();
    const train = trainRow(p, 'ours', `${kernels.matmul} / ${kernels.rows}`, timing, loss);
    log(`${p.id} ours (${train.detail}): ${train.msPerStep.toFixed(0)} ms/step, ${train.tokensPerSec.toFixed(1)} tok/s over ${train.steps} steps (warm-up ${train.warmupMs.toFixed(0)} ms), loss ${loss.toFixed(3)}`);
    return { train, gen: genTokens > 0 ? await benchGenerate(model, p, genTokens, log) : null };
  } finally {
    model.destroy();
  }
}

/**
 * Greedy generation from end-of-text with the KV cache on `model`'s weights: min(genTokens,
 * blockSize - 1) tokens, so every token stays inside the first window (the cache's case).
 * A two-token run first compiles the decoder's pipelines.
 */
async function benchGenerate(model: GPUModel, p: Preset, genTokens: number, log: (line: string) => void): Promise<GenTiming> {
  const dec = await KVDecoder.create(model);
  try {
    const tok = benchTokenizer(p.config.vocabSize);
    const n = Math.min(genTokens, p.config.blockSize - 1);
    const opts = (maxTokens: number) => ({ maxTokens, seed: 1, temperature: 0, stopAtEnd: false });
    await generateCached(dec, tok, [], opts(2));
    const t0 = performance.now();
    const out = await generateCached(dec, tok, [], opts(n));
    const ms = performance.now() - t0;
    const gen = { preset: p.id, tokens: out.length, ms, tokensPerSec: (out.length * 1000) / ms };
    log(`${p.id} ours generation (KV cache, greedy): ${gen.tokens} tokens in ${ms.toFixed(0)} ms, ${gen.tokensPerSec.toFixed(1)} tok/s`);
    return gen;
  } finally {
    dec.destroy();
  }
}
