import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../test/compare.ts';
import { getHarness } from '../../test/kernel-harness.ts';
import { mulberry32 } from '../util/random.ts';
import type { GPTConfig } from './config.ts';
import { frozenFor } from './finetune.ts';
import { initParams, unflatten } from './flat.ts';
import { GPUModel, type GPUModelOptions } from './gpt.ts';
import { mergeLora, type LoraOptions } from './lora.ts';
import { defaultKernelChoice, type KernelChoice } from './passes.ts';
import { gptClassStepRef, gptStepRef } from './reference.ts';

// Awkward sizes: head size 5, T = 11, vocabulary 37, 3 classes, rank 3.
const cfg: GPTConfig = { nLayer: 3, nHead: 3, nEmbd: 15, blockSize: 16, vocabSize: 37, dropout: 0 };
const B = 3;
const T = 11;
const lora: LoraOptions = { rank: 3, alpha: 5, targets: ['attn.c_attn', 'attn.c_proj', 'mlp.c_fc', 'mlp.c_proj'] };
const KERNELS: KernelChoice[] = [defaultKernelChoice(true), defaultKernelChoice(false)];
const TOL = { atol: 2e-5, rtol: 1e-3 };

/** Params from the table's init plus a perturbation (so LoRA's B is not zero and every path carries signal). */
function perturbed(m: GPUModel, seed: number): Float32Array {
  const flat = initParams(m.layout, seed);
  const rand = mulberry32(seed + 1);
  for (let i = 0; i < flat.length; i++) flat[i] += 0.2 * (rand() - 0.5);
  return flat;
}

const rand = mulberry32(21);
const tokens = Array.from({ length: B * T }, () => Math.floor(rand() * cfg.vocabSize));
const classInput = { tokens, lastIndex: [10, 3, 0], labels: [2, 0, 1], rowMask: [1, 1, 0] };

async function expectGradsMatch(m: GPUModel, want: Record<string, Float64Array | Float32Array>): Promise<void> {
  const grads = unflatten(m.layout, await m.read('grads'));
  for (const t of m.layout.tensors) expectAllClose(`grad ${t.name}`, grads[t.name], want[t.name], [t.numel], TOL);
}

describe('GPU finetuning vs the CPU reference model', () => {
  it.each(KERNELS)('classification head on the last block (lower layers frozen): class logits, loss, every gradient (%o)', async (kernels) => {
    const h = await getHarness();
    const o = { nClasses: 3 };
    const opts: GPUModelOptions = { ...o, frozen: frozenFor('last-block', cfg, o), batchSize: B, seqLen: T, kernels };
    const m = await GPUModel.create(h.device, h.cache, cfg, opts);
    const flat = perturbed(m, 5);
    m.setParams(flat);
    m.gradientStep(classInput);
    const ref = gptClassStepRef(cfg, unflatten(m.layout, Float64Array.from(flat)), tokens, classInput.lastIndex, classInput.labels, classInput.rowMask, B, T, opts);
    expect((await m.readLoss()).loss).toBeCloseTo(ref.loss, 5);
    expectAllClose('class logits', await m.readClassLogits(), ref.acts.cls_logits, [B, 3], { atol: 2e-5, rtol: 1e-4 });
    await expectGradsMatch(m, ref.grads);
    // Frozen blocks below the last one get no gradient at all; the last block does.
    const grads = unflatten(m.layout, await m.read('grads'));
    expect(grads['h.0.mlp.c_fc.weight'].every((x) => x === 0)).toBe(true);
    expect(grads['h.2.mlp.c_fc.weight'].some((x) => x !== 0)).toBe(true);
    m.destroy();
  });

  it.each(KERNELS)('LoRA on all four matmuls, language-model head with a loss mask: logits, loss, every gradient (%o)', async (kernels) => {
    const h = await getHarness();
    const o = { lora };
    const opts: GPUModelOptions = { ...o, frozen: frozenFor('lora', cfg, o), batchSize: B, seqLen: T, kernels };
    const m = await GPUModel.create(h.device, h.cache, cfg, opts);
    const flat = perturbed(m, 6);
    m.setParams(flat);
    const targets = Array.from({ length: B * T }, () => Math.floor(rand() * cfg.vocabSize));
    const weights = Array.from({ length: B * T }, (_, i) => (i % T < 4 ? 0 : 1));
    m.gradientStep({ tokens, targets, weights });
    const ref = gptStepRef(cfg, unflatten(m.layout, Float64Array.from(flat)), tokens, targets, weights, B, T, opts);
    expect((await m.readLoss()).loss).toBeCloseTo(ref.loss, 5);
    expectAllClose('logits', await m.read({ act: 'logits' }), ref.acts.logits, [B, T, cfg.vocabSize], { atol: 2e-5, rtol: 1e-4 });
    await expectGradsMatch(m, ref.grads);
    m.destroy();
  });

  it('LoRA with a classification head: class logits, loss and every gradient', async () => {
    const h = await getHarness();
    const o = { nClasses: 3, lora: { ...lora, targets: ['attn.c_attn', 'mlp.c_proj'] as const } };
    const opts: GPUModelOptions = { ...o, frozen: frozenFor('lora', cfg, o), batchSize: B, seqLen: T };
    const m = await GPUModel.create(h.device, h.cache, cfg, opts);
    const flat = perturbed(m, 7);
    m.setParams(flat);
    m.gradientStep(classInput);
    const ref = gptClassStepRef(cfg, unflatten(m.layout, Float64Array.from(flat)), tokens, classInput.lastIndex, classInput.labels, classInput.rowMask, B, T, opts);
    expect((await m.readLoss()).loss).toBeCloseTo(ref.loss, 5);
    expectAllClose('class logits', await m.readClassLogits(), ref.acts.cls_logits, [B, 3], { atol: 2e-5, rtol: 1e-4 });
    await expectGradsMatch(m, ref.grads);
    m.destroy();
  });

  it('frozen tensors are bit-identical after AdamW steps; trainable ones move', async () => {
    const h = await getHarness();
    const o = { nClasses: 3, lora };
    const opts: GPUModelOptions = { ...o, frozen: frozenFor('lora', cfg, o), batchSize: B, seqLen: T, gradClip: 1 };
    const m = await GPUModel.create(h.device, h.cache, cfg, opts);
    const flat = perturbed(m, 8);
    m.setParams(flat);
    const losses: number[] = [];
    for (let step = 1; step <= 5; step++) {
      m.trainStep(classInput, { lr: 1e-2, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1, step });
      losses.push((await m.readLoss()).loss);
    }
    const before = unflatten(m.layout, flat);
    const after = unflatten(m.layout, await m.read('params'));
    for (const t of m.layout.tensors) {
      if (t.frozen) expect(after[t.name], t.name).toEqual(before[t.name]);
      else expect(after[t.name].some((x, i) => x !== before[t.name][i]), t.name).toBe(true);
    }
    expect(losses[4]).toBeLessThan(losses[0]);
    m.destroy();
  });

  it('a merged LoRA model gives the same logits as the unmerged one', async () => {
    const h = await getHarness();
    const adapted = await GPUModel.create(h.device, h.cache, cfg, { lora, batchSize: B, seqLen: T });
    const flat = perturbed(adapted, 9);
    adapted.setParams(flat);
    const input = { tokens, targets: tokens };
    adapted.evalStep(input);
    const want = await adapted.read({ act: 'logits' });
    const views = unflatten(adapted.layout, flat);
    const weights = new Map(adapted.layout.tensors.map((t) => [t.name, { shape: [...t.shape], data: views[t.name] }]));
    const merged = mergeLora(cfg, weights, lora, (shape, data) => ({ shape, data }));
    const plain = await GPUModel.create(h.device, h.cache, cfg, { batchSize: B, seqLen: T });
    const pv = new Float32Array(plain.layout.totalFloats);
    for (const t of plain.layout.tensors) pv.set(merged.get(t.name)!.data, t.offset);
    plain.setParams(pv);
    plain.evalStep(input);
    const got = await plain.read({ act: 'logits' });
    expectAllClose('merged vs unmerged logits', got, want, [B, T, cfg.vocabSize], { atol: 2e-5, rtol: 1e-4 });
    // The update is not negligible: the base weights alone give different logits.
    const base = await GPUModel.create(h.device, h.cache, cfg, { batchSize: B, seqLen: T });
    for (const t of base.layout.tensors) pv.set(views[t.name], t.offset);
    base.setParams(pv);
    base.evalStep(input);
    const baseLogits = await base.read({ act: 'logits' });
    expect(Math.max(...baseLogits.map((x, i) => Math.abs(x - want[i])))).toBeGreaterThan(1e-2);
    for (const x of [adapted, plain, base]) x.destroy();
  });
});
