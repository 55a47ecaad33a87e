import { describe, expect, it } from 'vitest';
import { getHarness } from '../../test/kernel-harness.ts';
import type { GPTConfig } from '../model/config.ts';
import { KVDecoder } from '../model/decoder.ts';
import { initParams } from '../model/flat.ts';
import { GPUModel } from '../model/gpt.ts';
import { generate, type GenerateOptions, type GeneratedToken } from './generate.ts';
import { generateCached } from './generate.ts';
import { trainBPE } from './tokenizer-train.ts';

const TEXT = 'the cat sat on the mat. the dog sat on the log. a cat and a dog sat on a mat and a log. ';
const tok = trainBPE(TEXT.repeat(4), { vocabSize: 300 });
// A 12-token context, so 30 new tokens after a 5-token prompt slide the window many times.
const cfg: GPTConfig = { nLayer: 2, nHead: 3, nEmbd: 24, blockSize: 12, vocabSize: tok.vocabSize, dropout: 0 };

async function setup() {
  const h = await getHarness();
  const model = await GPUModel.create(h.device, h.cache, cfg, { batchSize: 1, seqLen: cfg.blockSize });
  // Random weights scaled up from GPT-2's init, so the distributions are far from uniform.
  model.setParams(initParams(model.layout, 21).map((x) => (x === 1 ? 1 : x * 15)));
  return { model, dec: await KVDecoder.create(model) };
}

const prompt = tok.encode('the cat sat');

function expectSameTokens(cached: GeneratedToken[], full: GeneratedToken[]) {
  expect(cached.map((t) => t.token)).toEqual(full.map((t) => t.token));
  cached.forEach((t, i) => {
    expect(t.text).toBe(full[i].text);
    expect(t.prob).toBeCloseTo(full[i].prob, 5);
    expect(t.top.map((c) => c.token)).toEqual(full[i].top.map((c) => c.token));
    t.top.forEach((c, j) => expect(c.prob).toBeCloseTo(full[i].top[j].prob, 5));
  });
}

describe('generateCached (KV cache) vs generate (full recomputation)', () => {
  it.each([
    ['greedy', { temperature: 0 }],
    ['sampled', { temperature: 1 }],
    ['top-k and top-p', { temperature: 0.8, topK: 20, topP: 0.9 }],
  ] as const)('%s: the same tokens, probabilities and candidates, across window slides', async (_name, sample) => {
    const { model, dec } = await setup();
    const opts: GenerateOptions = { maxTokens: 30, seed: 3, stopAtEnd: false, ...sample };
    const full = await generate(model, tok, prompt, opts);
    const streamed: GeneratedToken[] = [];
    const cached = await generateCached(dec, tok, prompt, opts, (t) => streamed.push(t));
    expect(full).toHaveLength(30); // past blockSize: the window slid
    expectSameTokens(cached, full);
    expect(streamed).toEqual(cached); // streamed as produced, in order
    expect(new Set(cached.map((t) => t.token)).size).toBeGreaterThan(1); // not stuck on one token
    dec.destroy();
    model.destroy();
  });

  it('is reproducible with a fixed seed, differs with another, and stops at end-of-text like generate', async () => {
    const { model, dec } = await setup();
    const opts: GenerateOptions = { maxTokens: 20, seed: 11, temperature: 1.5 };
    const a = await generateCached(dec, tok, prompt, opts);
    const b = await generateCached(dec, tok, prompt, opts);
    const c = await generateCached(dec, tok, prompt, { ...opts, seed: 12 });
    expect(b).toEqual(a);
    expect(c.map((t) => t.token)).not.toEqual(a.map((t) => t.token));
    expectSameTokens(a, await generate(model, tok, prompt, opts));
    const endAt = a.findIndex((t) => t.token === tok.endOfTextId);
    if (endAt >= 0) expect(endAt).toBe(a.length - 1);
    expect(a.every((t) => t.token !== tok.padId)).toBe(true);
    // An empty prompt starts from end-of-text; a prompt longer than the context keeps its last blockSize tokens.
    expectSameTokens(await generateCached(dec, tok, [], opts), await generate(model, tok, [], opts));
    const long = tok.encode(TEXT).slice(0, 2 * cfg.blockSize + 1);
    expectSameTokens(await generateCached(dec, tok, long, opts), await generate(model, tok, long, opts));
    dec.destroy();
    model.destroy();
  });
});
