import { describe, expect, it } from 'vitest';
import { loadGolden } from '../../test/golden.ts';
import { expectAllClose } from '../../test/compare.ts';
import { getHarness } from '../../test/kernel-harness.ts';
import { mulberry32 } from '../util/random.ts';
import type { GPTConfig } from './config.ts';
import { flatten, initParams, unflatten } from './flat.ts';
import { GPUModel } from './gpt.ts';
import { gptStepRef } from './reference.ts';
import { defaultKernelChoice } from './passes.ts';

const g = loadGolden();
const F32 = (n: number) => new Float32Array(n);

describe('GPU GPT (real WGSL) vs PyTorch golden values', () => {
  // defaultKernelChoice(false, true): a real GPU's choice with subgroup reductions (Dawn's SwiftShader has the feature)
  it.each([defaultKernelChoice(true), defaultKernelChoice(false), defaultKernelChoice(false, true), { matmul: 'naive', rows: 'thread' } as const])('step 0: logits, loss and every named gradient (%o)', async (kernels) => {
    const h = await getHarness();
    const m = await GPUModel.create(h.device, h.cache, g.config, { batchSize: g.B, seqLen: g.T, kernels });
    m.setParams(flatten(m.layout, g.params, F32));
    m.gradientStep({ tokens: g.tokens, targets: g.targets });
    const { loss } = await m.readLoss();
    expect(loss).toBeCloseTo(g.loss, 5);
    expectAllClose('logits', await m.read({ act: 'logits' }), g.logits, [g.B, g.T, g.config.vocabSize], { atol: 2e-5, rtol: 1e-4 });
    const grads = unflatten(m.layout, await m.read('grads'));
    for (const name of Object.keys(g.grads)) {
      expectAllClose(`grad ${name}`, grads[name], g.grads[name], [g.grads[name].length], { atol: 2e-5, rtol: 1e-3 });
    }
    m.destroy();
  });

  it('10 AdamW steps follow the PyTorch loss trajectory', async () => {
    const h = await getHarness();
    const hp = g.hyper;
    const m = await GPUModel.create(h.device, h.cache, g.config, { batchSize: g.B, seqLen: g.T, gradClip: hp.grad_clip });
    m.setParams(flatten(m.layout, g.params, F32));
    const losses: number[] = [];
    for (let step = 1; step <= hp.steps; step++) {
      m.trainStep({ tokens: g.tokens, targets: g.targets }, { lr: hp.lr, beta1: hp.beta1, beta2: hp.beta2, eps: hp.eps, weightDecay: hp.weight_decay, step });
      losses.push((await m.readLoss()).loss);
    }
    expectAllClose('loss trajectory', losses, g.trajectory, [hp.steps], { atol: 1e-4, rtol: 1e-4 });
    m.destroy();
  });
});

describe('GPU GPT vs the CPU reference model', () => {
  // Awkward sizes: head size 5, T=11 not a power of two, vocabulary 37, a partly masked loss.
  const cfg: GPTConfig = { nLayer: 2, nHead: 3, nEmbd: 15, blockSize: 16, vocabSize: 37, dropout: 0 };
  const B = 3;
  const T = 11;

  it('logits, loss and gradients match with a loss mask', async () => {
    const h = await getHarness();
    const m = await GPUModel.create(h.device, h.cache, cfg, { batchSize: B, seqLen: T });
    const flat = initParams(m.layout, 5);
    // Larger random values than the init, so every path carries signal.
    const rand = mulberry32(9);
    for (let i = 0; i < flat.length; i++) flat[i] += 0.2 * (rand() - 0.5);
    m.setParams(flat);
    const tokens = Array.from({ length: B * T }, () => Math.floor(rand() * cfg.vocabSize));
    const targets = Array.from({ length: B * T }, () => Math.floor(rand() * cfg.vocabSize));
    const weights = Array.from({ length: B * T }, (_, i) => (i % 4 === 0 ? 0 : 1));
    m.gradientStep({ tokens, targets, weights });
    const ref = gptStepRef(cfg, unflatten(m.layout, Float64Array.from(flat)), tokens, targets, weights, B, T);
    expect((await m.readLoss()).loss).toBeCloseTo(ref.loss, 5);
    expectAllClose('logits', await m.read({ act: 'logits' }), ref.acts.logits, [B, T, cfg.vocabSize], { atol: 2e-5, rtol: 1e-4 });
    const grads = unflatten(m.layout, await m.read('grads'));
    for (const [name, want] of Object.entries(ref.grads)) expectAllClose(`grad ${name}`, grads[name], want, [want.length], { atol: 2e-5, rtol: 1e-3 });
    m.destroy();
  });

  it('overfits one batch', async () => {
    const h = await getHarness();
    const c: GPTConfig = { nLayer: 2, nHead: 2, nEmbd: 32, blockSize: 32, vocabSize: 64, dropout: 0 };
    const m = await GPUModel.create(h.device, h.cache, c, { batchSize: 4, seqLen: 32 });
    m.setParams(initParams(m.layout, 1));
    const rand = mulberry32(3);
    const seq = Array.from({ length: 4 * 33 }, () => Math.floor(rand() * c.vocabSize));
    const tokens = Array.from({ length: 128 }, (_, i) => seq[Math.floor(i / 32) * 33 + (i % 32)]);
    const targets = Array.from({ length: 128 }, (_, i) => seq[Math.floor(i / 32) * 33 + (i % 32) + 1]);
    let first = 0;
    let last = 0;
    for (let step = 1; step <= 60; step++) {
      m.trainStep({ tokens, targets }, { lr: 3e-2, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0, step });
      if (step === 1) first = (await m.readLoss()).loss;
    }
    last = (await m.readLoss()).loss;
    expect(first).toBeGreaterThan(Math.log(c.vocabSize) - 0.5); // starts near ln V
    expect(last).toBeLessThan(0.2); // memorised
    m.destroy();
  });
});
