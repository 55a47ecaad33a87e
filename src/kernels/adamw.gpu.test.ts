import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../test/compare.ts';
import { getHarness } from '../../test/kernel-harness.ts';
import { layoutArena, tensorTable } from '../gpu/arena.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { adamw_update, createAdamWUniforms, writeAdamWUniforms } from './adamw.ts';
import { GRADNORM_PARTIALS, gradnorm } from './gradnorm.ts';
import * as ref from './adamw.ref.ts';
import * as gnRef from './gradnorm.ref.ts';

describe('adamw on the GPU', () => {
  // maxNorm 0: no clipping, so the hand values hold; 30: the random gradients' norm is ~40, so clipping is active.
  for (const maxNorm of [0, 30]) {
    it(`three steps, maxNorm=${maxNorm}, decay on/off and a frozen tensor, vs the reference and hand values`, async () => {
      const h = await getHarness();
      const layout = layoutArena('params', [
        { name: 'w', shape: [1], decay: true },
        { name: 'b', shape: [1] },
        { name: 'frozen', shape: [3, 5], decay: true, frozen: true },
        { name: 'big', shape: [67, 71], decay: true }, // 4757 elements: not a multiple of 64
        { name: 'bias', shape: [71] },
      ], h.device.limits.minStorageBufferOffsetAlignment);
      const P = layout.totalFloats;
      const [W, Bi] = layout.tensors.map((t) => t.offset);
      const rand = mulberry32(71);
      const params0 = uniformArray(P, rand);
      const m0 = uniformArray(P, rand, 0, 0.1);
      const v0 = uniformArray(P, rand, 0, 0.01);
      [params0[W], params0[Bi], m0[W], m0[Bi], v0[W], v0[Bi]] = [1, 1, 0, 0, 0, 0];
      const table = tensorTable(layout);
      const hyper = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1 };

      const [params, m, v] = [h.upload(params0), h.upload(m0), h.upload(v0)];
      const [gnorm, partials, tableB] = [h.upload(new Float32Array(2)), h.upload(new Float32Array(GRADNORM_PARTIALS)), h.upload(table)];
      const uniforms = createAdamWUniforms(h.device, { ...hyper, step: 1 });
      const want = { params: Float64Array.from(params0), m: Float64Array.from(m0), v: Float64Array.from(v0), gnorm: new Float64Array(2) };
      for (let step = 1; step <= 3; step++) {
        const grads = uniformArray(P, rand);
        [grads[W], grads[Bi]] = [0.5, 0.5];
        const gradsB = h.upload(grads);
        writeAdamWUniforms(h.device, uniforms, { ...hyper, step });
        h.run(...(await gradnorm(h.cache, gnorm, partials, gradsB, tableB, maxNorm)), await adamw_update(h.cache, params, gradsB, m, v, tableB, gnorm, uniforms, P));
        gnRef.gradnorm(want.gnorm, Float64Array.from(grads), table, maxNorm);
        ref.adamw_update(want.params, Float64Array.from(grads), want.m, want.v, table, want.gnorm, { ...hyper, step });
      }
      expect(want.gnorm[1] < 1).toBe(maxNorm > 0);
      const got = { params: await h.readF32(params, P), m: await h.readF32(m, P), v: await h.readF32(v, P) };
      const tol = { atol: 1e-6, rtol: 1e-4 };
      expectAllClose('adamw params', got.params, want.params, [P], tol);
      expectAllClose('adamw m', got.m, want.m, [P], tol);
      expectAllClose('adamw v', got.v, want.v, [P], tol);

      if (maxNorm === 0) {
        // Hand values: a constant gradient 0.5 moves a parameter by lr * (1 + wd * p) each step.
        expect(got.params[W]).toBeCloseTo(0.673289, 5);
        expect(got.params[Bi]).toBeCloseTo(0.7, 5);
      }
      // Frozen tensor and alignment padding: bit-for-bit unchanged, moments included.
      const live = new Set<number>();
      for (const t of layout.tensors) if (!t.frozen) for (let i = t.offset; i < t.offset + t.numel; i++) live.add(i);
      for (let i = 0; i < P; i++) {
        if (live.has(i)) continue;
        expect([got.params[i], got.m[i], got.v[i]]).toEqual([params0[i], m0[i], v0[i]]);
      }
      expect(P - live.size).toBeGreaterThan(15); // the frozen tensor plus some padding were checked
    });
  }
});
