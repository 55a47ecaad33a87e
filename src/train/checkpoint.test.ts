import { describe, expect, it } from 'vitest';
import type { GPTConfig } from '../model/config.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { loadCheckpoint, saveCheckpoint, type Checkpoint, type Weight } from './checkpoint.ts';
import { gpt2Weights } from './gpt2-names.ts';
import { readSafetensors, writeSafetensors } from './safetensors.ts';
import { Tokenizer } from './tokenizer.ts';
import { trainBPE } from './tokenizer-train.ts';

const tokenizer = trainBPE('the cat sat on the mat with the other cat', { vocabSize: 262, minFrequency: 1 });
const config: GPTConfig = { nLayer: 2, nHead: 2, nEmbd: 8, blockSize: 6, vocabSize: 262, dropout: 0 };

function randomWeights(seed: number): Map<string, Weight> {
  const rand = mulberry32(seed);
  return new Map(gpt2Weights(config).map((w) => [w.ours, { shape: w.shape, data: uniformArray(w.shape.reduce((a, b) => a * b, 1), rand) }]));
}

function bundle(): Checkpoint {
  const weights = randomWeights(1);
  weights.set('cls_head.weight', { shape: [2, 8], data: uniformArray(16, mulberry32(9)) }); // extra weights are kept
  const m = randomWeights(2);
  const v = randomWeights(3);
  m.delete('wpe.weight'); // a frozen weight has no moments
  v.delete('wpe.weight');
  return { config, tokenizer, weights, optimizer: { step: 1234, m, v }, info: { stage: 'base', loss: 2.5 } };
}

const bits = (a: Float32Array) => new Uint32Array(a.buffer, a.byteOffset, a.length);

describe('checkpoint', () => {
  it('round-trips weights, moments, step, config, tokenizer and info bit for bit', () => {
    const ck = bundle();
    const back = loadCheckpoint(saveCheckpoint(ck), 'run.safetensors');
    expect(back.config).toEqual(config);
    expect(back.tokenizer.merges).toEqual(tokenizer.merges);
    expect(back.tokenizer.encode('the cat')).toEqual(tokenizer.encode('the cat'));
    expect([...back.weights.keys()]).toEqual([...ck.weights.keys()]);
    for (const [k, w] of ck.weights) {
      expect(back.weights.get(k)!.shape, k).toEqual(w.shape);
      expect(bits(back.weights.get(k)!.data), k).toEqual(bits(w.data));
    }
    expect(back.optimizer!.step).toBe(1234);
    expect([...back.optimizer!.m.keys()]).toEqual([...ck.optimizer!.m.keys()]);
    for (const [k, w] of ck.optimizer!.v) expect(bits(back.optimizer!.v.get(k)!.data), k).toEqual(bits(w.data));
    expect(back.info).toEqual({ stage: 'base', loss: 2.5 });
  });

  it('stores moments under optim.m./optim.v. and can leave them out', () => {
    const ck = bundle();
    const names = [...readSafetensors(saveCheckpoint(ck)).tensors.keys()];
    expect(names).toContain('optim.m.h.1.mlp.c_fc.weight');
    expect(names).toContain('optim.v.wte.weight');
    expect(names).not.toContain('optim.m.wpe.weight');
    const slim = loadCheckpoint(saveCheckpoint({ config, tokenizer, weights: ck.weights }));
    expect(slim.optimizer).toBeUndefined();
    expect(slim.info).toBeUndefined();
  });

  it('refuses inconsistent bundles, naming the weight', () => {
    const ck = bundle();
    ck.weights.delete('h.1.attn.c_proj.bias');
    expect(() => saveCheckpoint(ck)).toThrow('checkpoint: weight "h.1.attn.c_proj.bias" is missing');
    const b = bundle();
    b.weights.set('ln_f.weight', { shape: [9], data: new Float32Array(9) });
    expect(() => saveCheckpoint(b)).toThrow('weight "ln_f.weight" has shape [9], config needs [8]');
    expect(() => saveCheckpoint({ ...bundle(), tokenizer: new Tokenizer([]) })).toThrow('tokenizer has 258 tokens but config.vocabSize is 262');
    const c = bundle();
    c.optimizer!.v.delete('wte.weight');
    expect(() => saveCheckpoint(c)).toThrow('optimizer has m for "wte.weight" but no v');
    const d = bundle();
    d.optimizer!.m.set('nope', { shape: [1], data: new Float32Array(1) });
    expect(() => saveCheckpoint(d)).toThrow('optimizer m for "nope" has no weight of that name');
  });

  it('rejects foreign, newer or damaged files with the file name and the field', () => {
    const good = readSafetensors(saveCheckpoint(bundle()));
    const rewrite = (md: Record<string, string | undefined>) => {
      const meta = Object.fromEntries(Object.entries({ ...good.metadata, ...md }).filter(([, x]) => x !== undefined)) as Record<string, string>;
      return writeSafetensors([...good.tensors].map(([k, t]) => [k, t] as [string, Weight]), meta);
    };
    const load = (b: Uint8Array) => () => loadCheckpoint(b, 'my.safetensors');
    expect(load(writeSafetensors([], {}))).toThrow('my.safetensors: metadata "format" is undefined, not a lab checkpoint');
    expect(load(rewrite({ version: '2' }))).toThrow('metadata "version" is "2"; this lab reads version 1');
    expect(load(rewrite({ config: '{' }))).toThrow(/metadata "config" is not valid JSON/);
    expect(load(rewrite({ config: JSON.stringify({ ...config, nHead: 3 }) }))).toThrow('metadata "config": GPTConfig.nEmbd (8) must be divisible by nHead (3)');
    expect(load(rewrite({ tokenizer: undefined }))).toThrow('metadata "tokenizer" is missing');
    expect(load(rewrite({ tokenizer: '{"format":"x"}' }))).toThrow('tokenizer in my.safetensors: field "format"');
    expect(load(rewrite({ 'optim.step': undefined }))).toThrow('optimizer moments are present but metadata "optim.step" is missing');
    expect(load(rewrite({ 'optim.step': '-1' }))).toThrow('optimizer step must be a non-negative integer, got -1');
    const bytes = saveCheckpoint(bundle());
    expect(load(bytes.slice(0, bytes.length - 4))).toThrow(/my.safetensors: tensor "optim.v.ln_f.bias": data_offsets .* run past the end/);
    const f64 = writeSafetensors([['wte.weight', { shape: [1], data: new Float64Array(1) }]], good.metadata);
    expect(load(f64)).toThrow('tensor "wte.weight" is F64; checkpoints hold F32');
  });
});
