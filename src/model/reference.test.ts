import { describe, expect, it } from 'vitest';
import { loadGolden } from '../../test/golden.ts';
import { expectAllClose } from '../../test/compare.ts';
import { layoutArena, tensorTable } from '../gpu/arena.ts';
import { adamw_update } from '../kernels/adamw.ref.ts';
import { gradnorm } from '../kernels/gradnorm.ref.ts';
import { gptParamSpecs } from './params.ts';
import { gptStepRef } from './reference.ts';
import { flatten, unflatten } from './flat.ts';

const g = loadGolden();
const ones = (n: number) => new Float64Array(n).fill(1);

describe('CPU reference GPT vs PyTorch golden values', () => {
  it('has exactly the parameters of the PyTorch model, with the same shapes', () => {
    const specs = gptParamSpecs(g.config);
    expect(specs.map((s) => s.name).sort()).toEqual(Object.keys(g.params).sort());
    for (const s of specs) expect(g.params[s.name].length).toBe(s.shape.reduce((a, b) => a * b, 1));
  });

  it('step 0: logits, loss and every named gradient', () => {
    const step = gptStepRef(g.config, g.params, g.tokens, g.targets, ones(g.B * g.T), g.B, g.T);
    expectAllClose('logits', step.acts.logits, g.logits, [g.B, g.T, g.config.vocabSize], { atol: 1e-10, rtol: 1e-9 });
    expect(step.loss).toBeCloseTo(g.loss, 10);
    for (const name of Object.keys(g.grads)) {
      expectAllClose(`grad ${name}`, step.grads[name], g.grads[name], [g.grads[name].length], { atol: 1e-10, rtol: 1e-8 });
    }
  });

  it('10 AdamW steps with clipping follow the PyTorch loss trajectory', () => {
    const layout = layoutArena('params', gptParamSpecs(g.config), 4);
    const table = tensorTable(layout);
    const params = flatten(layout, g.params, (n) => new Float64Array(n));
    const m = new Float64Array(params.length);
    const v = new Float64Array(params.length);
    const h = g.hyper;
    const losses: number[] = [];
    const norms: number[] = [];
    for (let step = 1; step <= h.steps; step++) {
      const r = gptStepRef(g.config, unflatten(layout, params), g.tokens, g.targets, ones(g.B * g.T), g.B, g.T);
      losses.push(r.loss);
      const grads = flatten(layout, r.grads, (n) => new Float64Array(n));
      const gn = new Float64Array(2);
      gradnorm(gn, grads, table, h.grad_clip);
      norms.push(gn[0]);
      adamw_update(params, grads, m, v, table, gn, { lr: h.lr, beta1: h.beta1, beta2: h.beta2, eps: h.eps, weightDecay: h.weight_decay, step });
    }
    expectAllClose('loss trajectory', losses, g.trajectory, [h.steps], { atol: 1e-9, rtol: 1e-8 });
    expectAllClose('gradient norms', norms, g.gradNorms, [h.steps], { atol: 1e-9, rtol: 1e-8 });
    expect(losses[9]).toBeLessThan(losses[0] - 1); // it learns
  });
});
