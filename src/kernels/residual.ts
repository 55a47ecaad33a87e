/**
 * Residual-add kernel descriptors (residual.wgsl). Same names and argument order as residual.ref.ts,
 * with the pipeline cache first.
 */
import type { PipelineCache } from '../gpu/pipelines.ts';
import { type Bindable, type Dispatch, makeDispatch, packUniforms } from '../gpu/compute.ts';
import { grid1d } from './fill.ts';
import { kernelSource } from './sources.ts';
import code from './residual.wgsl?raw';

export const RESIDUAL = kernelSource('residual.wgsl', code);

/** out = inp1 + inp2; out, inp1, inp2: (N) */
export async function residual_forward(k: PipelineCache, out: Bindable, inp1: Bindable, inp2: Bindable, N: number): Promise<Dispatch> {
  const pipeline = await k.pipeline(RESIDUAL, 'residual_forward');
  return makeDispatch(k.device, 'residual_forward', pipeline, [out, inp1, inp2], grid1d(N), packUniforms([{ u: N }]));
}

/** dinp1 += dout; dinp2 += dout; all (N). dinp1 and dinp2 must be different buffers or disjoint views. */
export async function residual_backward(k: PipelineCache, dinp1: Bindable, dinp2: Bindable, dout: Bindable, N: number): Promise<Dispatch> {
  const pipeline = await k.pipeline(RESIDUAL, 'residual_backward');
  return makeDispatch(k.device, 'residual_backward', pipeline, [dinp1, dinp2, dout], grid1d(N), packUniforms([{ u: N }]));
}
