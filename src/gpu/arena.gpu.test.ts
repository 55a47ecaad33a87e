import { describe, expect, it } from 'vitest';
import { getTestDevice } from '../../test/gpu.ts';
import { readBuffer } from './buffers.ts';
import { createArena, layoutArena } from './arena.ts';

describe('arena on the device', () => {
  it('creates one buffer whose views, at the device alignment, address each tensor', async () => {
    const { device } = await getTestDevice();
    const layout = layoutArena('params', [
      { name: 'a', shape: [3] },
      { name: 'b', shape: [2, 2] },
    ], device.limits.minStorageBufferOffsetAlignment);
    const { buffer, views } = createArena(device, layout);
    expect(buffer.size).toBe(layout.byteSize);
    device.queue.writeBuffer(views.b.buffer, views.b.offset, new Float32Array([1, 2, 3, 4]));
    const all = new Float32Array(await readBuffer(device, buffer));
    const b0 = views.b.offset / 4;
    expect([...all.subarray(b0, b0 + 4)]).toEqual([1, 2, 3, 4]);
    expect(all.reduce((s, x) => s + x, 0)).toBe(10); // nothing else was written
    // A binding at the view's offset is valid only if the offset respects the device's alignment.
    const layoutOnly = device.createBindGroupLayout({ entries: [{ binding: 0, visibility: 4, buffer: { type: 'read-only-storage' } }] });
    device.pushErrorScope('validation');
    device.createBindGroup({ layout: layoutOnly, entries: [{ binding: 0, resource: { buffer, offset: views.b.offset, size: views.b.size } }] });
    expect(await device.popErrorScope()).toBeNull();
  });

  it('refuses an arena larger than the device allows, naming the limit', async () => {
    const { device } = await getTestDevice();
    const huge = layoutArena('acts', [{ name: 'x', shape: [device.limits.maxBufferSize / 4 + 1024] }], 256);
    expect(() => createArena(device, huge)).toThrow(/arena "acts" needs .* but this GPU's maxBufferSize is .* short/);
  });
});
