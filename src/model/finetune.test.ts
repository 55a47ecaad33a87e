import { describe, expect, it } from 'vitest';
import { checkGradients } from '../../test/finite-diff.ts';
import { expectAllClose } from '../../test/compare.ts';
import { layoutArena } from '../gpu/arena.ts';
import { mulberry32 } from '../util/random.ts';
import { PRESETS, parameterCount, type GPTConfig } from './config.ts';
import { backwardPlan, frozenFor, parameterCounts } from './finetune.ts';
import { initParams, unflatten } from './flat.ts';
import { mergeLora, type LoraOptions } from './lora.ts';
import { gptParamSpecs, type ParamOptions } from './params.ts';
import { gptClassStepRef, gptForwardRef, gptStepRef, type Tensors } from './reference.ts';

const cfg: GPTConfig = { nLayer: 2, nHead: 2, nEmbd: 6, blockSize: 8, vocabSize: 11, dropout: 0 };
const lora: LoraOptions = { rank: 2, alpha: 3, targets: ['attn.c_attn', 'attn.c_proj', 'mlp.c_fc', 'mlp.c_proj'] };

/** Float64 parameters from the table's init, then perturbed so every path (LoRA B included) carries signal. */
function params(c: GPTConfig, opts: ParamOptions, seed: number): Tensors {
  const layout = layoutArena('p', gptParamSpecs(c, opts), 4);
  const flat = Float64Array.from(initParams(layout, seed));
  const rand = mulberry32(seed + 100);
  for (let i = 0; i < flat.length; i++) flat[i] += 0.3 * (rand() - 0.5);
  return unflatten(layout, flat);
}

describe('freezing choices as data', () => {
  const c = PRESETS.find((p) => p.id === 'small')!.config;
  const C = c.nEmbd;
  it('counts trainable parameters from the table for each lesson choice', () => {
    const count = (choice: Parameters<typeof frozenFor>[0], o: Omit<ParamOptions, 'frozen'>) => parameterCounts(gptParamSpecs(c, { ...o, frozen: frozenFor(choice, c, o) }));
    const head = count('head', { nClasses: 2 });
    expect(head).toEqual({ trainable: 2 * C + 2, total: parameterCount(c) + 2 * C + 2 });
    const block = 12 * C * C + 13 * C; // one block's weights and biases, LayerNorms included
    expect(block * c.nLayer + (c.vocabSize + c.blockSize) * C + 2 * C).toBe(parameterCount(c));
    expect(count('last-block', { nClasses: 2 }).trainable).toBe(block + 2 * C + 2 * C + 2);
    expect(count('all', { nClasses: 2 }).trainable).toBe(parameterCount(c) + 2 * C + 2);
    const r = 8;
    const perLayer = r * C + 3 * C * r + (r * C + C * r) + (r * C + 4 * C * r) + (r * 4 * C + C * r);
    expect(count('lora', { nClasses: 2, lora: { rank: r, alpha: 16, targets: lora.targets } }).trainable).toBe(c.nLayer * perLayer + 2 * C + 2);
    // Instruction tuning (no classifier): "head" trains the tied embedding.
    expect(count('head', {}).trainable).toBe(c.vocabSize * C);
    expect(() => frozenFor('lora', c, {})).toThrow(/LoRA settings/);
  });

  it('plans a backward pass that stops below the lowest trainable block', () => {
    const plan = (choice: Parameters<typeof frozenFor>[0], o: Omit<ParamOptions, 'frozen'>) => backwardPlan(c, gptParamSpecs(c, { ...o, frozen: frozenFor(choice, c, o) }));
    expect(plan('head', { nClasses: 2 })).toMatchObject({ lowestBlock: c.nLayer, lnf: false, encoder: false });
    expect(plan('last-block', { nClasses: 2 })).toMatchObject({ lowestBlock: c.nLayer - 1, lnf: true, encoder: false });
    expect(plan('lora', { nClasses: 2, lora })).toMatchObject({ lowestBlock: 0, lnf: true, encoder: false });
    expect(plan('all', {})).toMatchObject({ lowestBlock: 0, lnf: true, encoder: true });
  });
});

describe('CPU reference: classification head and LoRA vs finite differences (float64)', () => {
  const B = 3;
  const T = 5;
  const rand = mulberry32(4);
  const tokens = Array.from({ length: B * T }, () => Math.floor(rand() * cfg.vocabSize));

  it('classification loss gradients (head, LoRA, LayerNorms, embeddings)', () => {
    const opts: ParamOptions = { nClasses: 3, lora };
    const p = params(cfg, opts, 1);
    const lastIndex = [4, 0, 2];
    const labels = [2, 0, 1];
    const rowMask = [1, 1, 0]; // the third row is a filler: no loss, no gradient
    const names = ['cls.weight', 'cls.bias', 'h.1.attn.c_attn.lora_A', 'h.0.mlp.c_proj.lora_B', 'h.0.ln_1.weight', 'ln_f.bias', 'wte.weight', 'h.1.mlp.c_fc.weight'];
    const err = checkGradients({
      inputs: Object.fromEntries(names.map((n) => [n, p[n] as Float64Array])),
      forward: () => Float64Array.of(gptClassStepRef(cfg, p, tokens, lastIndex, labels, rowMask, B, T, opts).loss),
      backward: (dout) => {
        const g = gptClassStepRef(cfg, p, tokens, lastIndex, labels, rowMask, B, T, opts).grads;
        return Object.fromEntries(names.map((n) => [n, (g[n] as Float64Array).map((x) => x * dout[0])]));
      },
    }, { tol: 1e-6 });
    expect(err).toBeLessThan(1e-6);
  });

  it('language-model loss gradients with LoRA on two targets, only where the mask counts', () => {
    const opts: ParamOptions = { lora: { rank: 3, alpha: 2, targets: ['attn.c_proj', 'mlp.c_fc'] } };
    const p = params(cfg, opts, 2);
    const targets = Array.from({ length: B * T }, () => Math.floor(rand() * cfg.vocabSize));
    const weights = Array.from({ length: B * T }, (_, i) => (i % T < 2 ? 0 : 1)); // a masked "prompt"
    const names = ['h.0.attn.c_proj.lora_A', 'h.0.attn.c_proj.lora_B', 'h.1.mlp.c_fc.lora_A', 'h.1.mlp.c_fc.lora_B', 'h.0.attn.c_attn.weight'];
    checkGradients({
      inputs: Object.fromEntries(names.map((n) => [n, p[n] as Float64Array])),
      forward: () => Float64Array.of(gptStepRef(cfg, p, tokens, targets, weights, B, T, opts).loss),
      backward: (dout) => {
        const g = gptStepRef(cfg, p, tokens, targets, weights, B, T, opts).grads;
        return Object.fromEntries(names.map((n) => [n, (g[n] as Float64Array).map((x) => x * dout[0])]));
      },
    });
  });

  it('LoRA with B = 0 leaves the model unchanged, and merging gives the same logits as the unmerged model', () => {
    const opts: ParamOptions = { lora };
    const p = params(cfg, opts, 3);
    const base = gptForwardRef(cfg, p, tokens, B, T).logits;
    const adapted = gptForwardRef(cfg, p, tokens, B, T, opts).logits;
    expect(Math.max(...adapted.map((x, i) => Math.abs(x - base[i])))).toBeGreaterThan(1e-3); // perturbed B: the update does something
    const zeroB = { ...p };
    for (const k of Object.keys(p)) if (k.endsWith('lora_B')) zeroB[k] = new Float64Array(p[k].length);
    expect(gptForwardRef(cfg, zeroB, tokens, B, T, opts).logits).toEqual(base);
    const weights = new Map(Object.entries(p).map(([k, v]) => [k, { shape: [v.length], data: v }]));
    const merged = mergeLora(cfg, weights, lora, (shape, data) => ({ shape, data: Float64Array.from(data) as Float64Array | Float32Array }));
    expect([...merged.keys()].some((k) => k.includes('lora'))).toBe(false);
    const mp: Tensors = Object.fromEntries([...merged].map(([k, v]) => [k, Float64Array.from(v.data)]));
    // The merge writes float32 weights: agreement to float32 rounding.
    expectAllClose('merged logits', gptForwardRef(cfg, mp, tokens, B, T).logits, adapted, [B, T, cfg.vocabSize], { atol: 1e-6, rtol: 1e-5 });
  });
});
