import { describe, expect, it } from 'vitest';
import { layoutArena, tensorTable } from '../gpu/arena.ts';
import { adamw_update } from './adamw.ref.ts';

// Three one-element tensors (decay, no decay, frozen) with a constant gradient 0.5, lr 0.1, wd 0.1.
// With a constant gradient the bias-corrected moments are exactly g and g^2, so each step moves a
// parameter by lr * (g / |g| + wd * p): values a person can check on paper.
const hyper = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1 };
const layout = layoutArena('params', [
  { name: 'w', shape: [1], decay: true },
  { name: 'b', shape: [1] },
  { name: 'frozen', shape: [1], decay: true, frozen: true },
], 16);
const table = tensorTable(layout);
const [W, Bi, F] = layout.tensors.map((t) => t.offset);

function run(clip = 1) {
  const P = layout.totalFloats;
  const params = new Float64Array(P).fill(NaN); // padding stays NaN: nothing may read or write it
  const grads = new Float64Array(P).fill(NaN);
  const m = new Float64Array(P).fill(NaN);
  const v = new Float64Array(P).fill(NaN);
  for (const i of [W, Bi, F]) [params[i], grads[i], m[i], v[i]] = [1, 0.5, 0, 0];
  [m[F], v[F]] = [0.3, 0.2];
  const trace: number[][] = [];
  for (let step = 1; step <= 3; step++) {
    adamw_update(params, grads, m, v, table, [0, clip], { ...hyper, step });
    trace.push([params[W], params[Bi]]);
  }
  return { params, m, v, trace };
}

describe('adamw reference against hand-computed values', () => {
  it('three steps: bias correction, decoupled decay on and off', () => {
    const { trace, m, v } = run();
    // decay on: p <- p - 0.1 * (1 + 0.1 p): 1 -> 0.89 -> 0.7811 -> 0.673289; decay off: 0.9, 0.8, 0.7
    const want = [
      [0.89, 0.9],
      [0.7811, 0.8],
      [0.673289, 0.7],
    ];
    trace.forEach((row, s) => row.forEach((x, k) => expect(x).toBeCloseTo(want[s][k], 7)));
    // m: 0.05, 0.095, 0.1355; v: 0.00025, 0.00049975, 0.00074925025
    expect(m[W]).toBeCloseTo(0.1355, 12);
    expect(v[W]).toBeCloseTo(0.00074925025, 14);
  });

  it('leaves a frozen tensor, its moments and the padding untouched', () => {
    const { params, m, v } = run();
    expect([params[F], m[F], v[F]]).toEqual([1, 0.3, 0.2]);
    for (let i = 0; i < layout.totalFloats; i++) if (![W, Bi, F].includes(i)) expect(params[i]).toBeNaN();
  });

  it('applies the clip scale to the gradient before the moments', () => {
    const { m, v } = run(0.5); // g = 0.25
    expect(m[W]).toBeCloseTo(0.1355 / 2, 12);
    expect(v[W]).toBeCloseTo(0.00074925025 / 4, 14);
  });
});
