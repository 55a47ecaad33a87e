/**
 * Dispatches: a pipeline, a bind group built once (when the model is built) and a workgroup
 * count. A training step encodes a list of them into one compute pass of one command encoder.
 */
import { createUniformBuffer } from './buffers.ts';

/** A range of a GPU buffer: what a kernel binding points at. Offsets respect minStorageBufferOffsetAlignment. */
export interface BufferView {
  buffer: GPUBuffer;
  offset: number;
  size: number;
}

export type Bindable = BufferView | GPUBuffer;

export interface Dispatch {
  label: string;
  pipeline: GPUComputePipeline;
  bindGroup: GPUBindGroup;
  workgroups: [number, number, number];
}

/** A view of a whole buffer. */
export function whole(buffer: GPUBuffer): BufferView {
  return { buffer, offset: 0, size: buffer.size };
}

/**
 * Packs uniform fields in declaration order as u32 (integers given as `u`) or f32 (`f`) words,
 * padded to 16 bytes. Every field is 4 bytes, so the WGSL struct must use only u32/i32/f32 scalars.
 */
export function packUniforms(fields: ({ u: number } | { f: number } | { i: number })[]): Uint8Array {
  const words = Math.max(4, Math.ceil(fields.length / 4) * 4);
  const buf = new ArrayBuffer(words * 4);
  const u = new Uint32Array(buf);
  const f = new Float32Array(buf);
  const i32 = new Int32Array(buf);
  fields.forEach((field, k) => {
    if ('u' in field) u[k] = field.u;
    else if ('i' in field) i32[k] = field.i;
    else f[k] = field.f;
  });
  return new Uint8Array(buf);
}

/**
 * Builds a dispatch. Binding k of group 0 is `bindings[k]`; when `uniforms` is given it is
 * created as a uniform buffer and bound at binding 0 ahead of the others.
 */
export function makeDispatch(
  device: GPUDevice,
  label: string,
  pipeline: GPUComputePipeline,
  bindings: Bindable[],
  workgroups: [number, number?, number?],
  uniforms?: Uint8Array,
): Dispatch {
  const views: Bindable[] = uniforms ? [createUniformBuffer(device, uniforms, `${label}-uniforms`), ...bindings] : bindings;
  const entries = views.map((v, binding) => {
    const view = 'buffer' in v ? v : whole(v);
    return { binding, resource: { buffer: view.buffer, offset: view.offset, size: view.size } };
  });
  const bindGroup = device.createBindGroup({ label, layout: pipeline.getBindGroupLayout(0), entries });
  const [x, y = 1, z = 1] = workgroups;
  return { label, pipeline, bindGroup, workgroups: [x, y, z] };
}

/** Records the dispatches, in order, into one compute pass. */
export function encodeDispatches(encoder: GPUCommandEncoder, dispatches: readonly Dispatch[], label = 'compute'): void {
  const pass = encoder.beginComputePass({ label });
  for (const d of dispatches) {
    pass.setPipeline(d.pipeline);
    pass.setBindGroup(0, d.bindGroup);
    pass.dispatchWorkgroups(d.workgroups[0], d.workgroups[1], d.workgroups[2]);
  }
  pass.end();
}

/** Encodes and submits the dispatches in one command buffer. */
export function submitDispatches(device: GPUDevice, dispatches: readonly Dispatch[], label = 'compute'): void {
  const enc = device.createCommandEncoder({ label });
  encodeDispatches(enc, dispatches, label);
  device.queue.submit([enc.finish()]);
}

/** ceil(n / d), for workgroup counts. */
export function cdiv(n: number, d: number): number {
  return Math.ceil(n / d);
}
