/**
 * Causal self-attention kernel descriptors (attention.wgsl). Same names and argument order as
 * attention.ref.ts, with the pipeline cache first. HS = C / NH; C must be a multiple of NH.
 */
import type { PipelineCache } from '../gpu/pipelines.ts';
import { type Bindable, type Dispatch, makeDispatch, packUniforms } from '../gpu/compute.ts';
import { type RowVariant, rowKernel } from './fill.ts';
import { kernelSource } from './sources.ts';
import code from './attention.wgsl?raw';

export const ATTENTION = kernelSource('attention.wgsl', code, true);

function sizes(B: number, T: number, C: number, NH: number): Uint8Array {
  if (C % NH !== 0) throw new Error(`attention: C (${C}) must be a multiple of NH (${NH})`);
  return packUniforms([{ u: B }, { u: T }, { u: C }, { u: NH }]);
}

/** out: (B, T, C), att: (B, NH, T, T) saved for backward, inp: (B, T, 3C) = q | k | v. variant: see RowVariant. */
export async function attention_forward(
  k: PipelineCache,
  out: Bindable,
  att: Bindable,
  inp: Bindable,
  B: number,
  T: number,
  C: number,
  NH: number,
  variant: RowVariant = 'thread',
): Promise<Dispatch> {
  const r = rowKernel(ATTENTION, 'attention_forward', B * NH * T, variant);
  return makeDispatch(k.device, r.label, await k.pipeline(r.source, r.entry), [out, att, inp], r.grid, sizes(B, T, C, NH));
}

/**
 * dinp += d(q|k|v); two dispatches. dinp: (B, T, 3C), dpreatt: (B, NH, T, T) scratch (overwritten),
 * dout: (B, T, C), inp: (B, T, 3C), att: (B, NH, T, T). variant: see RowVariant.
 */
export async function attention_backward(
  k: PipelineCache,
  dinp: Bindable,
  dpreatt: Bindable,
  dout: Bindable,
  inp: Bindable,
  att: Bindable,
  B: number,
  T: number,
  C: number,
  NH: number,
  variant: RowVariant = 'thread',
): Promise<Dispatch[]> {
  const u = sizes(B, T, C, NH);
  const a = rowKernel(ATTENTION, 'attention_backward_dpreatt', B * NH * T, variant);
  const q = rowKernel(ATTENTION, 'attention_backward_dqkv', B * NH * T, variant);
  return [
    makeDispatch(k.device, a.label, await k.pipeline(a.source, a.entry), [dpreatt, dout, inp, att], a.grid, u),
    makeDispatch(k.device, q.label, await k.pipeline(q.source, q.entry), [dinp, dpreatt, dout, inp, att], q.grid, u),
  ];
}
