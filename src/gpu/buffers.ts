/**
 * Small buffer helpers: create a labelled storage buffer from data, and read one back through a
 * staging buffer. The engine's large arenas and its pooled readback build on these.
 */

/** GPUBufferUsage / GPUMapMode bit values from the WebGPU spec, usable before any global is installed. */
export const Usage = { MAP_READ: 0x1, COPY_SRC: 0x4, COPY_DST: 0x8, UNIFORM: 0x40, STORAGE: 0x80, QUERY_RESOLVE: 0x200 } as const;
export const MAP_READ_MODE = 0x1;
export const STORAGE = Usage.STORAGE | Usage.COPY_SRC | Usage.COPY_DST;

/** Creates a storage buffer (STORAGE | COPY_SRC | COPY_DST) holding `data`, or `data` bytes of zeros. */
export function createStorageBuffer(device: GPUDevice, data: ArrayBufferView | number, label: string): GPUBuffer {
  const byteLength = typeof data === 'number' ? data : data.byteLength;
  const buffer = device.createBuffer({ label, size: Math.max(4, align(byteLength, 4)), usage: STORAGE });
  if (typeof data !== 'number') device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
  return buffer;
}

/** Creates a uniform buffer holding `data` (padded to 16 bytes as WGSL requires). */
export function createUniformBuffer(device: GPUDevice, data: ArrayBufferView, label: string): GPUBuffer {
  const buffer = device.createBuffer({ label, size: align(Math.max(data.byteLength, 16), 16), usage: Usage.UNIFORM | Usage.COPY_DST });
  device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
  return buffer;
}

/** Copies `byteLength` bytes at `offset` of `buffer` to the CPU. Slow path: use for tests and occasional reads. */
export async function readBuffer(device: GPUDevice, buffer: GPUBuffer, byteLength = buffer.size, offset = 0): Promise<ArrayBuffer> {
  const [copy] = await readBuffers(device, [{ buffer, byteLength, offset }]);
  return copy;
}

/**
 * Copies several ranges to the CPU through one staging buffer: one submit and one map, so one
 * wait for the GPU however many ranges (each wait costs a round trip, and in Node a poll).
 */
export async function readBuffers(device: GPUDevice, ranges: readonly { buffer: GPUBuffer; byteLength: number; offset?: number }[]): Promise<ArrayBuffer[]> {
  const at: number[] = [];
  let size = 0;
  for (const r of ranges) {
    at.push(size);
    size += align(r.byteLength, 4);
  }
  const staging = device.createBuffer({ label: `${ranges[0].buffer.label}-readback`, size, usage: Usage.MAP_READ | Usage.COPY_DST });
  const enc = device.createCommandEncoder({ label: 'readback' });
  ranges.forEach((r, i) => enc.copyBufferToBuffer(r.buffer, r.offset ?? 0, staging, at[i], align(r.byteLength, 4)));
  device.queue.submit([enc.finish()]);
  await staging.mapAsync(MAP_READ_MODE);
  const mapped = staging.getMappedRange();
  const copies = ranges.map((r, i) => mapped.slice(at[i], at[i] + r.byteLength));
  staging.unmap();
  staging.destroy();
  return copies;
}

export function align(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

/** Writes a typed array into `buffer` at byte `offset` (queued before the next submit). */
export function writeArray(device: GPUDevice, buffer: GPUBuffer, data: ArrayBufferView, offset = 0): void {
  device.queue.writeBuffer(buffer, offset, data.buffer as ArrayBuffer, data.byteOffset, data.byteLength);
}
