/**
 * Buffer arenas: the engine keeps parameters, gradients, AdamW moments and activations in a few
 * large buffers, each laid out from ONE declarative table of tensors (name, shape, decay, frozen,
 * init). From that table come the offsets (aligned to minStorageBufferOffsetAlignment, so any
 * tensor can be bound on its own), the total size, the views the kernels bind, and the tensor
 * table AdamW and the gradient norm read. Parameters, gradients and both moments share one layout.
 * Generic: knows nothing about GPT; the model supplies its table. Never initializes values.
 */
import { STORAGE, align } from './buffers.ts';
import type { BufferView } from './compute.ts';

/** How a tensor starts; applied by the model, carried here so the table is the one source. */
export type TensorInit = { kind: 'zeros' } | { kind: 'ones' } | { kind: 'normal'; std: number };

/** One row of the declarative table. */
export interface TensorSpec {
  name: string;
  shape: readonly number[];
  /** AdamW applies weight decay to it (matrices yes; biases, LayerNorm and embeddings' choice is the model's). */
  decay?: boolean;
  /** Not trained: AdamW leaves it and its moments untouched, and the gradient norm skips it. */
  frozen?: boolean;
  init?: TensorInit;
}

/** A tensor's place in an arena. Offsets and sizes in float32 elements and in bytes. */
export interface TensorSlot {
  name: string;
  shape: readonly number[];
  numel: number;
  offset: number;
  byteOffset: number;
  byteSize: number;
  decay: boolean;
  frozen: boolean;
  init: TensorInit;
}

/** A laid-out arena: where each tensor of the table sits in one buffer, and how big that buffer is. */
export interface ArenaLayout {
  label: string;
  tensors: TensorSlot[];
  /** Elements the buffer holds, padding between tensors included. */
  totalFloats: number;
  /** The buffer's size in bytes. */
  byteSize: number;
  /** The alignment every tensor's byteOffset is a multiple of. */
  alignment: number;
}

/** Tensor-table flag bits, as adamw.wgsl and gradnorm.wgsl read them. */
export const TENSOR_DECAY = 1;
export const TENSOR_FROZEN = 2;

/**
 * Lays the tensors out in table order, each starting at a multiple of `alignment` bytes (the
 * device's minStorageBufferOffsetAlignment). Throws on a repeated name or a bad shape, naming the tensor.
 */
export function layoutArena(label: string, specs: readonly TensorSpec[], alignment: number): ArenaLayout {
  if (!(Number.isInteger(alignment) && alignment >= 4 && (alignment & (alignment - 1)) === 0)) {
    throw new Error(`arena "${label}": alignment must be a power of two of at least 4 bytes, got ${alignment}`);
  }
  const seen = new Set<string>();
  const tensors: TensorSlot[] = [];
  let end = 0; // bytes
  for (const s of specs) {
    if (!s.name) throw new Error(`arena "${label}": tensor ${tensors.length} has no name`);
    if (seen.has(s.name)) throw new Error(`arena "${label}": tensor "${s.name}" appears twice`);
    seen.add(s.name);
    if (s.shape.length === 0 || !s.shape.every((d) => Number.isInteger(d) && d > 0)) {
      throw new Error(`arena "${label}": tensor "${s.name}" has shape [${s.shape.join(', ')}]; every dimension must be a positive integer`);
    }
    const numel = s.shape.reduce((a, b) => a * b, 1);
    const byteOffset = align(end, alignment);
    tensors.push({
      name: s.name,
      shape: [...s.shape],
      numel,
      offset: byteOffset / 4,
      byteOffset,
      byteSize: numel * 4,
      decay: s.decay ?? false,
      frozen: s.frozen ?? false,
      init: s.init ?? { kind: 'zeros' },
    });
    end = byteOffset + numel * 4;
  }
  const byteSize = Math.max(align(end, 16), 16);
  return { label, tensors, totalFloats: byteSize / 4, byteSize, alignment };
}

const mib = (n: number) => `${(n / 2 ** 20).toFixed(2)} MiB`;

/**
 * Why this arena cannot be one buffer bound whole on a device with these limits (naming each
 * limit and by how much it is exceeded), or null if it fits.
 */
export function arenaLimitError(layout: ArenaLayout, limits: { maxStorageBufferBindingSize: number; maxBufferSize: number }): string | null {
  const over = (['maxBufferSize', 'maxStorageBufferBindingSize'] as const)
    .filter((name) => layout.byteSize > limits[name])
    .map((name) => `${name} is ${mib(limits[name])} (${limits[name]} bytes), ${mib(layout.byteSize - limits[name])} short`);
  if (over.length === 0) return null;
  return `arena "${layout.label}" needs a ${mib(layout.byteSize)} buffer (${layout.byteSize} bytes), but this GPU's ${over.join('; and its ')}.`;
}

/** Throws arenaLimitError's message if the arena does not fit. */
export function checkArenaLimits(layout: ArenaLayout, limits: { maxStorageBufferBindingSize: number; maxBufferSize: number }): void {
  const msg = arenaLimitError(layout, limits);
  if (msg) throw new Error(msg);
}

/** One BufferView per tensor, by name, into `buffer` laid out as `layout`. */
export function arenaViews(layout: ArenaLayout, buffer: GPUBuffer): Record<string, BufferView> {
  const views: Record<string, BufferView> = {};
  for (const t of layout.tensors) views[t.name] = { buffer, offset: t.byteOffset, size: t.byteSize };
  return views;
}

/** The tensor table AdamW and the gradient norm read: (tensors, 4) u32 = offset (floats), numel, flags, 0. */
export function tensorTable(layout: ArenaLayout): Uint32Array {
  const table = new Uint32Array(Math.max(1, layout.tensors.length) * 4);
  layout.tensors.forEach((t, j) => {
    table.set([t.offset, t.numel, (t.decay ? TENSOR_DECAY : 0) | (t.frozen ? TENSOR_FROZEN : 0), 0], j * 4);
  });
  return table;
}

/** Creates the arena's buffer (zeros) after checking it against the device's limits. */
export function createArena(device: GPUDevice, layout: ArenaLayout): { buffer: GPUBuffer; views: Record<string, BufferView> } {
  checkArenaLimits(layout, device.limits);
  const buffer = device.createBuffer({ label: `arena-${layout.label}`, size: layout.byteSize, usage: STORAGE });
  return { buffer, views: arenaViews(layout, buffer) };
}
