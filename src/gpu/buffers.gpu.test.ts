import { describe, expect, it } from 'vitest';
import { getTestDevice } from '../../test/gpu.ts';
import { createStorageBuffer, readBuffers } from './buffers.ts';

describe('readBuffers', () => {
  it('reads several ranges of several buffers in one map, each at its own offset and length', async () => {
    const { device } = await getTestDevice();
    const a = createStorageBuffer(device, Float32Array.from({ length: 10 }, (_, i) => i), 'a');
    const b = createStorageBuffer(device, Uint32Array.from({ length: 6 }, (_, i) => 100 + i), 'b');
    const [x, y, z] = await readBuffers(device, [
      { buffer: a, byteLength: 12, offset: 8 },
      { buffer: b, byteLength: 8 },
      { buffer: a, byteLength: 4, offset: 36 },
    ]);
    expect([...new Float32Array(x)]).toEqual([2, 3, 4]);
    expect([...new Uint32Array(y)]).toEqual([100, 101]);
    expect([...new Float32Array(z)]).toEqual([9]);
    a.destroy();
    b.destroy();
  });
});
