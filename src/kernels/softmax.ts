/**
 * Causal row softmax descriptors (softmax.wgsl), forward and backward, both in place. Same names
 * and argument order as softmax.ref.ts, with the pipeline cache first and the variant last.
 * Used by the product form of attention (attention_gemm.ts); owns no buffers.
 */
import type { PipelineCache } from '../gpu/pipelines.ts';
import { type Bindable, type Dispatch, makeDispatch, packUniforms } from '../gpu/compute.ts';
import { type RowVariant, rowKernel } from './fill.ts';
import { kernelSource } from './sources.ts';
import code from './softmax.wgsl?raw';

export const SOFTMAX = kernelSource('softmax.wgsl', code, true);

/** att: (rows, T), scores in, causal softmax out; row r is query position r % T. */
export async function softmax_causal_forward(k: PipelineCache, att: Bindable, rows: number, T: number, variant: RowVariant = 'thread'): Promise<Dispatch> {
  const r = rowKernel(SOFTMAX, 'softmax_causal_forward', rows, variant);
  return makeDispatch(k.device, r.label, await k.pipeline(r.source, r.entry), [att], r.grid, packUniforms([{ u: rows }, { u: T }]));
}

/** dpreatt: (rows, T), datt in, score gradient out; att: (rows, T) the forward's softmax. */
export async function softmax_causal_backward(k: PipelineCache, dpreatt: Bindable, att: Bindable, rows: number, T: number, variant: RowVariant = 'thread'): Promise<Dispatch> {
  const r = rowKernel(SOFTMAX, 'softmax_causal_backward', rows, variant);
  return makeDispatch(k.device, r.label, await k.pipeline(r.source, r.entry), [dpreatt, att], r.grid, packUniforms([{ u: rows }, { u: T }]));
}
