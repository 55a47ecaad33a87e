import { describe, it } from 'vitest';
import { expectAllClose } from '../../test/compare.ts';
import { getRowHarness } from '../../test/kernel-harness.ts';
import { attentionOutputs } from './lab/cases.ts';

describe('attention on the GPU vs its reference', () => {
  for (const [B, T, NH, HS, variant] of [
    [2, 7, 3, 5, 'thread'], // nothing a power of two
    [3, 67, 2, 12, 'thread'], // B*NH*T = 402 rows: several workgroups, the last partial
    [2, 7, 3, 5, 'workgroup'],
    [2, 67, 2, 12, 'workgroup'], // T > 64: threads stride over key positions
    [2, 7, 3, 5, 'subgroup'],
    [2, 67, 2, 12, 'subgroup'],
  ] as const) {
    it(`forward and backward, B=${B} T=${T} NH=${NH} HS=${HS}, ${variant} per row`, async (ctx) => {
      // garbage in att and dpreatt, random (not zero) in dinp: forward must write every element, backward must accumulate
      const h = await getRowHarness(variant, ctx);
      for (const t of await attentionOutputs(h, B, T, NH, HS, variant)) expectAllClose(`attention ${t.name}`, t.got, t.want, t.shape, t.tol);
    });
  }
});
