import { describe, expect, it } from 'vitest';
import { TENSOR_DECAY, TENSOR_FROZEN, arenaLimitError, arenaViews, checkArenaLimits, layoutArena, tensorTable } from './arena.ts';

const table = [
  { name: 'wte', shape: [11, 5], decay: true, init: { kind: 'normal', std: 0.02 } as const },
  { name: 'ln.w', shape: [5], init: { kind: 'ones' } as const },
  { name: 'head', shape: [2, 5], decay: true, frozen: true },
];

describe('arena layout', () => {
  it('aligns every tensor to the offset alignment, in table order', () => {
    const l = layoutArena('params', table, 256);
    expect(l.tensors.map((t) => t.byteOffset)).toEqual([0, 256, 512]);
    expect(l.tensors.map((t) => t.offset)).toEqual([0, 64, 128]);
    expect(l.tensors.map((t) => t.numel)).toEqual([55, 5, 10]);
    expect(l.byteSize).toBe(512 + 40 + 8); // end of "head" (552) rounded up to 16 bytes
    expect(l.totalFloats).toBe(140);
    expect(l.tensors[1].init).toEqual({ kind: 'ones' });
    expect(l.tensors[2].init).toEqual({ kind: 'zeros' });
  });

  it('packs tighter with a smaller alignment', () => {
    const l = layoutArena('params', table, 32);
    expect(l.tensors.map((t) => t.byteOffset)).toEqual([0, 224, 256]); // 220 -> 224, 244 -> 256
    expect(l.byteSize).toBe(304);
  });

  it('gives views and the AdamW tensor table from the same layout', () => {
    const l = layoutArena('params', table, 256);
    const fake = { label: 'b' } as GPUBuffer;
    const v = arenaViews(l, fake);
    expect(v['ln.w']).toEqual({ buffer: fake, offset: 256, size: 20 });
    expect([...tensorTable(l)]).toEqual([0, 55, TENSOR_DECAY, 0, 64, 5, 0, 0, 128, 10, TENSOR_DECAY | TENSOR_FROZEN, 0]);
  });

  it('refuses repeated names, bad shapes and bad alignments, naming the tensor', () => {
    expect(() => layoutArena('p', [table[0], table[0]], 256)).toThrow(/tensor "wte" appears twice/);
    expect(() => layoutArena('p', [{ name: 'x', shape: [3, 0] }], 256)).toThrow(/"x" has shape \[3, 0\]/);
    expect(() => layoutArena('p', table, 100)).toThrow(/power of two/);
  });

  it('names the limit an arena exceeds and by how much', () => {
    const big = layoutArena('acts', [{ name: 'x', shape: [2 ** 20, 5] }], 256); // 20 MiB
    const fits = { maxStorageBufferBindingSize: 2 ** 27, maxBufferSize: 2 ** 28 };
    expect(arenaLimitError(big, fits)).toBeNull();
    const small = { maxStorageBufferBindingSize: 16 * 2 ** 20, maxBufferSize: 2 ** 28 };
    expect(arenaLimitError(big, small)).toBe(
      'arena "acts" needs a 20.00 MiB buffer (20971520 bytes), but this GPU\'s maxStorageBufferBindingSize is 16.00 MiB (16777216 bytes), 4.00 MiB short.',
    );
    expect(() => checkArenaLimits(big, { maxStorageBufferBindingSize: 2 ** 24, maxBufferSize: 2 ** 24 })).toThrow(
      /maxBufferSize is 16\.00 MiB .*4\.00 MiB short; and its maxStorageBufferBindingSize is 16\.00 MiB/,
    );
  });
});
