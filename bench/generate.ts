/**
 * Benchmark (Node only, not part of the app or the tests): generation tokens/s with the KV cache
 * (generateCached) and without it (generate.ts generate), on a preset's shapes with random weights,
 * and a check that both chose the same tokens. Two phases: inside the first window (the cache's
 * case) and past it (the window slides; both paths recompute about a window per token).
 *
 * With no GPU, point Dawn at SwiftShader (what scripts/gpu-env.mjs finds), then run:
 *   VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json LD_LIBRARY_PATH=/usr/lib/chromium \
 *     node --import tsx --import ./scripts/register-raw.mjs bench/generate.ts [test,small]
 */
import { readFileSync } from 'node:fs';
import { PipelineCache } from '../src/gpu/pipelines.ts';
import { requestNodeDevice } from '../src/gpu/node.ts';
import { PRESETS } from '../src/model/config.ts';
import { KVDecoder } from '../src/model/decoder.ts';
import { initParams } from '../src/model/flat.ts';
import { GPUModel } from '../src/model/gpt.ts';
import { generate, generateCached, type GenerateOptions } from '../src/train/generate.ts';
import { loadTokenizer } from '../src/train/tokenizer-json.ts';

const tok = loadTokenizer(readFileSync('public/models/tokenizer.json', 'utf8'), 'public/models/tokenizer.json');
const { device, report } = await requestNodeDevice();
const cache = new PipelineCache(device);
console.log(`adapter: ${report.name}`);

for (const id of (process.argv[2] ?? 'test,small').split(',')) {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) throw new Error(`no preset "${id}"`);
  const c = { ...preset.config, vocabSize: tok.vocabSize };
  const model = await GPUModel.create(device, cache, c, { batchSize: 1, seqLen: c.blockSize });
  model.setParams(initParams(model.layout, 1));
  const dec = await KVDecoder.create(model);
  const prompt = tok.encode('Once upon a time, there was a little').slice(0, 8);
  const inWindow = c.blockSize - prompt.length; // new tokens that fit the first window
  const opts = (maxTokens: number): GenerateOptions => ({ maxTokens, seed: 1, temperature: 1, stopAtEnd: false });
  await generate(model, tok, prompt, opts(2)); // warm-up: pipelines compiled, buffers touched
  await generateCached(dec, tok, prompt, opts(2));
  const time = async (f: () => Promise<{ token: number }[]>) => {
    const t0 = performance.now();
    const r = await f();
    return { ms: performance.now() - t0, tokens: r.map((x) => x.token) };
  };
  for (const [phase, n] of [['first window', inWindow], ['past the window', inWindow + 16]] as const) {
    const full = await time(() => generate(model, tok, prompt, opts(n)));
    const kv = await time(() => generateCached(dec, tok, prompt, opts(n)));
    const same = full.tokens.length === kv.tokens.length && full.tokens.every((t, i) => t === kv.tokens[i]);
    const rate = (r: { ms: number }) => ((n / r.ms) * 1000).toFixed(1);
    console.log(
      `${id} (L=${c.nLayer} C=${c.nEmbd} T=${c.blockSize} V=${c.vocabSize}), ${phase}: ${n} tokens after an ${prompt.length}-token prompt — ` +
        `full recompute ${rate(full)} tok/s (${full.ms.toFixed(0)} ms), KV cache ${rate(kv)} tok/s (${kv.ms.toFixed(0)} ms), ` +
        `speed-up ${(full.ms / kv.ms).toFixed(1)}x, same tokens: ${same}`,
    );
  }
  dec.destroy();
  model.destroy();
}
process.exit(0);
