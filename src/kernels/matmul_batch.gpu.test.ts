import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../test/compare.ts';
import { getHarness } from '../../test/kernel-harness.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { MATMUL_VARIANTS, gemm, type GemmCausal, type GemmShape } from './matmul.ts';
import * as ref from './matmul.ref.ts';

// Batched products with per-product offsets (z = z1 · inner + z2) and an output row stride wider
// than N: three of them side by side in each row of a shared buffer, the way attention writes its
// heads. Sizes: M=N=K=13 (no multiple of 4: vec4 hands over to blocked), 12 (vec4 runs; 8x8 hands over to it) and
// 16 (8x8 runs, the three causal hints included); then
// fewer rows than 4 (matmul_rows.wgsl): one of 12 with op(B) transposed (its vec4 sums run where
// op(A) is k-major too) and three of 13.
function shape(S: number, causal: GemmCausal | undefined, transA: boolean, M = S, transB = false): GemmShape {
  const inner = 3;
  const ld = S * inner + 4; // rows of every buffer hold `inner` blocks of S columns, plus padding
  const per = S * ld; // one z1 slice
  const blk: [number, number, number] = [4, per, S];
  return {
    M, N: S, K: S,
    ...(transA ? { sAm: 1, sAk: ld } : { sAm: ld, sAk: 1 }),
    ...(transB ? { sBk: 1, sBn: ld } : { sBk: ld, sBn: 1 }),
    alpha: 0.5,
    accumulate: true,
    sOm: ld,
    batch: { count: 2 * inner, inner, a: blk, b: blk, out: blk },
    causal,
  };
}

describe.each(MATMUL_VARIANTS)('batched gemm, %s, vs the reference', (variant) => {
  for (const [S, M] of [[13, 13], [12, 12], [16, 16], [12, 1], [13, 3]]) {
    for (const [causal, transA] of [[undefined, false], ['a-lower', false], ['a-upper', true], ['out', false]] as const) {
      it(`S=${S}, M=${M}, causal ${causal ?? 'none'}${transA ? ', op(A) transposed' : ''}`, async () => {
        const h = await getHarness();
        const s = shape(S, causal, transA, M, M === 1);
        const n = 4 + 2 * S * (S * 3 + 4);
        const rand = mulberry32(S * 10 + (causal?.length ?? 0));
        const a = uniformArray(n, rand);
        // The hints promise zeros in op(A): make it so (op(A)[m, k] at a[o + m·sAm + k·sAk]).
        if (causal === 'a-lower' || causal === 'a-upper') {
          for (let z = 0; z < 6; z++) {
            const o = 4 + Math.floor(z / 3) * S * (S * 3 + 4) + (z % 3) * S;
            for (let m = 0; m < M; m++) for (let k = 0; k < S; k++) if (causal === 'a-lower' ? k > m : k < m) a[o + m * s.sAm + k * s.sAk] = 0;
          }
        }
        const b = uniformArray(n, rand);
        const out0 = uniformArray(n, rand); // random: the product accumulates, and padding must survive
        const out = h.upload(out0, 'out');
        h.run(await gemm(h.cache, 'batched', out, h.upload(a, 'a'), h.upload(b, 'b'), null, s, variant));
        const want = out0.slice();
        ref.gemm(want, a, b, null, s);
        const got = await h.readF32(out, n);
        if (causal === 'out') {
          // Above the diagonal a variant may write or skip: compare the lower triangles only.
          for (let z = 0; z < 6; z++) {
            const o = 4 + Math.floor(z / 3) * S * (S * 3 + 4) + (z % 3) * S;
            for (let m = 0; m < M; m++) for (let c = m + 1; c < S; c++) got[o + m * s.sOm! + c] = want[o + m * s.sOm! + c];
          }
        }
        expectAllClose(`batched ${variant}`, got, want, [n], { atol: 1e-5, rtol: 1e-4 });
        expect(want.some((v, i) => v !== out0[i])).toBe(true);
      });
    }
  }
});
