/**
 * Causal self-attention kernel descriptors (attention.wgsl). Same names and argument order as
 * attention.ref.ts, with the pipeline cache first. HS = C / NH; C must be a multiple of NH.
 */
import type { PipelineCache } from '../gpu/pipelines.ts';
import { type Bindable, type Dispatch, makeDispatch, packUniforms } from '../gpu/compute.ts';
import { grid1d } from './fill.ts';
import { kernelSource } from './sources.ts';
import code from './attention.wgsl?raw';

export const ATTENTION = kernelSource('attention.wgsl', code);

function sizes(B: number, T: number, C: number, NH: number): Uint8Array {
  if (C % NH !== 0) throw new Error(`attention: C (${C}) must be a multiple of NH (${NH})`);
  return packUniforms([{ u: B }, { u: T }, { u: C }, { u: NH }]);
}

/** out: (B, T, C), att: (B, NH, T, T) saved for backward, inp: (B, T, 3C) = q | k | v */
export async function attention_forward(k: PipelineCache, out: Bindable, att: Bindable, inp: Bindable, B: number, T: number, C: number, NH: number): Promise<Dispatch> {
  const pipeline = await k.pipeline(ATTENTION, 'attention_forward');
  return makeDispatch(k.device, 'attention_forward', pipeline, [out, att, inp], grid1d(B * NH * T), sizes(B, T, C, NH));
}

/**
 * dinp += d(q|k|v); two dispatches. dinp: (B, T, 3C), dpreatt: (B, NH, T, T) scratch (overwritten),
 * dout: (B, T, C), inp: (B, T, 3C), att: (B, NH, T, T)
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
): Promise<Dispatch[]> {
  const u = sizes(B, T, C, NH);
  const pa = await k.pipeline(ATTENTION, 'attention_backward_dpreatt');
  const pq = await k.pipeline(ATTENTION, 'attention_backward_dqkv');
  return [
    makeDispatch(k.device, 'attention_backward_dpreatt', pa, [dpreatt, dout, inp, att], grid1d(B * NH * T), u),
    makeDispatch(k.device, 'attention_backward_dqkv', pq, [dinp, dpreatt, dout, inp, att], grid1d(B * NH * T), u),
  ];
}
