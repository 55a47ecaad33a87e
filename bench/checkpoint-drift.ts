/**
 * Do the shipped checkpoints still say the same thing after a kernel change? For each language-model
 * checkpoint in public/models/ (the spam classifiers have no LM head to write with), greedy text
 * (full recompute through GPUModel, the training kernels) with two matmul variants, and the largest
 * logit difference between them over one whole window.
 *
 *   npm run bench:drift -- [old variant] [new variant] [tokens]   (default: blocked_vec4 blocked8_vec4 32)
 *
 * Prints only; writes nothing.
 */
import { readFileSync } from 'node:fs';
import type { MatmulVariant } from '../src/kernels/matmul.ts';
import { requestNodeDevice } from '../src/gpu/node.ts';
import { PipelineCache } from '../src/gpu/pipelines.ts';
import { defaultKernelChoice } from '../src/model/passes.ts';
import { loadCheckpoint } from '../src/train/checkpoint.ts';
import { generate } from '../src/train/generate.ts';
import { modelFromCheckpoint } from '../src/train/model-io.ts';

const [oldV, newV] = [process.argv[2] ?? 'blocked_vec4', process.argv[3] ?? 'blocked8_vec4'] as MatmulVariant[];
const nTokens = Number(process.argv[4] ?? 32);
const { device, report } = await requestNodeDevice();
const cache = new PipelineCache(device);
console.log(`adapter: ${report.name}; ${oldV} vs ${newV}`);
for (const file of ['base-test', 'instruct-test', 'base-small', 'instruct-small', 'prefer-small']) {
  const path = `public/models/${file}.safetensors`;
  const ck = loadCheckpoint(new Uint8Array(readFileSync(path)), path);
  const T = ck.config.blockSize;
  const prompt = ck.tokenizer.encode('The old man looked at the sea and said');
  const runs: { toks: number[]; logits: Float32Array }[] = [];
  for (const matmul of [oldV, newV]) {
    const model = await modelFromCheckpoint(device, cache, ck, { batchSize: 1, seqLen: T, kernels: { ...defaultKernelChoice(true), matmul } });
    const toks = (await generate(model, ck.tokenizer, prompt, { maxTokens: nTokens, seed: 1, temperature: 0, stopAtEnd: false })).map((t) => t.token);
    // One whole window of the text just generated: every position's logits.
    const ids = [...prompt, ...toks].slice(0, T);
    const input = Int32Array.from({ length: T }, (_, i) => ids[i % ids.length]);
    model.evalStep({ tokens: input, targets: input });
    runs.push({ toks, logits: await model.read({ act: 'logits' }) });
    model.destroy();
  }
  let maxDiff = 0;
  let maxAbs = 0;
  for (let i = 0; i < runs[0].logits.length; i++) {
    maxDiff = Math.max(maxDiff, Math.abs(runs[0].logits[i] - runs[1].logits[i]));
    maxAbs = Math.max(maxAbs, Math.abs(runs[0].logits[i]));
  }
  const same = runs[0].toks.every((t, i) => t === runs[1].toks[i]);
  console.log(`${file}: greedy text ${same ? 'identical' : 'DIFFERS'} over ${nTokens} tokens; max |Δlogit| ${maxDiff.toExponential(2)} (largest |logit| ${maxAbs.toFixed(2)})`);
  console.log(`  ${JSON.stringify(ck.tokenizer.decode(runs[1].toks))}`);
}
device.destroy();
process.exit(0);
