import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../test/compare.ts';
import { getHarness } from '../../test/kernel-harness.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { WG, fill, grid1d, scale } from './fill.ts';
import * as ref from './fill.ref.ts';

describe('fill and scale on the GPU vs their reference', () => {
  it('fill and scale a view in the middle of a buffer, leaving its neighbours untouched', async () => {
    const h = await getHarness();
    const N = 1001; // not a multiple of 64
    const before = 64; // floats ahead of the view: 256 bytes, the usual minStorageBufferOffsetAlignment
    const total = before + N + 37;
    const data = uniformArray(total, mulberry32(3));
    const buf = h.upload(data, 'fill-buf');
    const view = { buffer: buf, offset: before * 4, size: N * 4 };
    const other = h.upload(data, 'scale-buf');
    const otherView = { buffer: other, offset: before * 4, size: N * 4 };
    h.run(await fill(h.cache, view, 0.25, N), await scale(h.cache, otherView, -3, N));

    const wantFill = data.slice();
    ref.fill(wantFill.subarray(before), 0.25, N);
    const wantScale = data.slice();
    ref.scale(wantScale.subarray(before), -3, N);
    expectAllClose('fill', await h.readF32(buf, total), wantFill, [total], { atol: 0, rtol: 0 });
    expectAllClose('scale', await h.readF32(other, total), wantScale, [total], { atol: 0, rtol: 1e-7 });
    expect(wantFill[before - 1]).toBe(data[before - 1]);
  });

  it('covers N beyond the capped grid: threads loop (N = 150,001 > 1,024 workgroups x 64)', async () => {
    const h = await getHarness();
    const N = 150_001;
    expect(grid1d(N)[0] * WG).toBeLessThan(N);
    const data = uniformArray(N + 3, mulberry32(5));
    const buf = h.upload(data);
    h.run(await scale(h.cache, buf, 2, N));
    const want = data.slice();
    ref.scale(want, 2, N);
    expectAllClose('scale', await h.readF32(buf, N + 3), want, [N + 3], { atol: 0, rtol: 0 });
  });
});
