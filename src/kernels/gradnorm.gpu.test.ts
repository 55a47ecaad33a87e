import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../test/compare.ts';
import { getHarness } from '../../test/kernel-harness.ts';
import { layoutArena, tensorTable } from '../gpu/arena.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { GRADNORM_PARTIALS, gradnorm } from './gradnorm.ts';
import * as ref from './gradnorm.ref.ts';

describe('gradnorm on the GPU vs its reference', () => {
  it('norm and clip scale over an arena with a frozen tensor and a tensor larger than the partials', async () => {
    const h = await getHarness();
    const layout = layoutArena('grads', [
      { name: 'big', shape: [3, 4099] }, // > GRADNORM_PARTIALS: each thread strides several times
      { name: 'frozen', shape: [77], frozen: true },
      { name: 'small', shape: [5] },
    ], h.device.limits.minStorageBufferOffsetAlignment);
    const grads = uniformArray(layout.totalFloats, mulberry32(4099), -2, 2); // padding holds values too: must not count
    const table = tensorTable(layout);
    const gradsB = h.upload(grads);
    const partials = h.upload(new Float32Array(GRADNORM_PARTIALS));
    for (const maxNorm of [0, 1]) {
      const gnorm = h.upload(new Float32Array(2));
      h.run(...(await gradnorm(h.cache, gnorm, partials, gradsB, h.upload(table), maxNorm)));
      const want = new Float64Array(2);
      ref.gradnorm(want, Float64Array.from(grads), table, maxNorm);
      expectAllClose(`gradnorm maxNorm=${maxNorm}`, await h.readF32(gnorm, 2), want, [2], { atol: 1e-6, rtol: 1e-5 });
      expect(want[1]).toBe(maxNorm === 0 ? 1 : 1 / (want[0] + 1e-6));
    }
  });
});
