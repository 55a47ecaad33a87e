/**
 * GELU kernel descriptor: builds the forward and backward dispatches over buffer views.
 * Same names and argument order as gelu.ref.ts, with the pipeline cache first.
 */
import type { PipelineCache } from '../gpu/pipelines.ts';
import { type Bindable, type Dispatch, cdiv, makeDispatch, packUniforms } from '../gpu/compute.ts';
import { kernelSource } from './sources.ts';
import code from './gelu.wgsl?raw';

export const GELU = kernelSource('gelu.wgsl', code);
const WG = 64;
const MAX_WG = 65535;

/** out = gelu(inp); out, inp: (N) */
export async function gelu_forward(k: PipelineCache, out: Bindable, inp: Bindable, N: number): Promise<Dispatch> {
  const pipeline = await k.pipeline(GELU, 'gelu_forward');
  return makeDispatch(k.device, 'gelu_forward', pipeline, [out, inp], [Math.min(cdiv(N, WG), MAX_WG)], packUniforms([{ u: N }]));
}

/** dinp += gelu'(inp) * dout; dinp, inp, dout: (N) */
export async function gelu_backward(k: PipelineCache, dinp: Bindable, inp: Bindable, dout: Bindable, N: number): Promise<Dispatch> {
  const pipeline = await k.pipeline(GELU, 'gelu_backward');
  return makeDispatch(k.device, 'gelu_backward', pipeline, [dinp, inp, dout], [Math.min(cdiv(N, WG), MAX_WG)], packUniforms([{ u: N }]));
}
