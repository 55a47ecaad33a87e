import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PRESETS, parameterCount, type GPTConfig } from '../model/config.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { GPT2_WEIGHTS, fromHF, gpt2Weights, toHF, transpose2d } from './gpt2-names.ts';
import { readSafetensors } from './safetensors.ts';

const tiny: GPTConfig = { nLayer: 2, nHead: 2, nEmbd: 12, blockSize: 8, vocabSize: 19, dropout: 0 };

describe('GPT-2 name table', () => {
  it('covers every parameter: shapes sum to the config parameter count', () => {
    for (const p of PRESETS) {
      const n = gpt2Weights(p.config).reduce((s, w) => s + w.shape.reduce((a, b) => a * b, 1), 0);
      expect(n, p.id).toBe(parameterCount(p.config));
    }
    expect(gpt2Weights(tiny)).toHaveLength(2 + 12 * 2 + 2);
    expect(gpt2Weights(tiny).map((w) => w.ours).slice(0, 4)).toEqual(['wte.weight', 'wpe.weight', 'h.0.ln_1.weight', 'h.0.ln_1.bias']);
    expect(gpt2Weights(tiny).at(-1)!.ours).toBe('ln_f.bias');
  });

  it('marks exactly the four Conv1D matrices of a block for transposing', () => {
    expect(GPT2_WEIGHTS.filter((w) => w.transpose).map((w) => w.ours)).toEqual([
      'h.{i}.attn.c_attn.weight',
      'h.{i}.attn.c_proj.weight',
      'h.{i}.mlp.c_fc.weight',
      'h.{i}.mlp.c_proj.weight',
    ]);
  });

  it('matches the names and (out, in) shapes of the PyTorch golden fixture', () => {
    const f = readSafetensors(new Uint8Array(readFileSync('test/fixtures/gpt2-tiny-golden.safetensors')));
    const cfg = JSON.parse(f.metadata.config) as GPTConfig;
    for (const w of gpt2Weights(cfg)) expect(f.tensors.get(w.ours)?.shape, w.ours).toEqual(w.shape);
  });

  it('converts to HF layout (transposed Conv1D) and back exactly', () => {
    const rand = mulberry32(5);
    const ours = new Map(gpt2Weights(tiny).map((w) => [w.ours, { shape: w.shape, data: uniformArray(w.shape.reduce((a, b) => a * b, 1), rand) }]));
    const hf = toHF(tiny, ours);
    const q = hf.get('transformer.h.1.attn.c_attn.weight')!;
    expect(q.shape).toEqual([12, 36]); // (in, out)
    const src = ours.get('h.1.attn.c_attn.weight')!.data; // (out=36, in=12)
    expect(q.data[5 * 36 + 30]).toBe(src[30 * 12 + 5]);
    expect(hf.get('transformer.wte.weight')!.data).toBe(ours.get('wte.weight')!.data);
    const back = fromHF(tiny, hf);
    for (const [k, v] of ours) expect(back.get(k)!.data, k).toEqual(v.data);
    // the hub's file has no "transformer." prefix
    const bare = new Map([...hf].map(([k, v]) => [k.replace(/^transformer\./, ''), v]));
    expect(fromHF(tiny, bare).get('h.0.mlp.c_proj.weight')!.data).toEqual(ours.get('h.0.mlp.c_proj.weight')!.data);
  });

  it('names the missing or misshapen weight', () => {
    const ours = new Map(gpt2Weights(tiny).map((w) => [w.ours, { shape: w.shape, data: new Float32Array(w.shape.reduce((a, b) => a * b, 1)) }]));
    ours.delete('h.1.ln_2.bias');
    expect(() => toHF(tiny, ours)).toThrow('weight "h.1.ln_2.bias" is missing');
    ours.set('h.1.ln_2.bias', { shape: [13], data: new Float32Array(13) });
    expect(() => toHF(tiny, ours)).toThrow('weight "h.1.ln_2.bias" has shape [13], the config needs [12]');
    expect(() => fromHF(tiny, new Map())).toThrow('HF tensor "transformer.wte.weight" is missing');
  });

  it('transpose2d moves (r, k) to (k, r)', () => {
    expect(Array.from(transpose2d(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
  });
});
