/**
 * LayerNorm kernel descriptors (layernorm.wgsl). Same names and argument order as layernorm.ref.ts,
 * with the pipeline cache first. Rows are N = B * T.
 */
import type { PipelineCache } from '../gpu/pipelines.ts';
import { type Bindable, type Dispatch, makeDispatch, packUniforms } from '../gpu/compute.ts';
import { type RowVariant, grid1d, rowKernel } from './fill.ts';
import { kernelSource } from './sources.ts';
import code from './layernorm.wgsl?raw';

export const LAYERNORM = kernelSource('layernorm.wgsl', code, true);

/** out: (B, T, C), mean: (B, T), rstd: (B, T), inp: (B, T, C), weight: (C), bias: (C). variant: see RowVariant. */
export async function layernorm_forward(
  k: PipelineCache,
  out: Bindable,
  mean: Bindable,
  rstd: Bindable,
  inp: Bindable,
  weight: Bindable,
  bias: Bindable,
  B: number,
  T: number,
  C: number,
  variant: RowVariant = 'thread',
): Promise<Dispatch> {
  const r = rowKernel(LAYERNORM, 'layernorm_forward', B * T, variant);
  return makeDispatch(k.device, r.label, await k.pipeline(r.source, r.entry), [out, mean, rstd, inp, weight, bias], r.grid, packUniforms([{ u: B * T }, { u: C }]));
}

/**
 * Accumulates dinp, dweight and dbias; two dispatches (rows, then channels). variant (rows only): see RowVariant.
 * dinp: (B, T, C), dweight: (C), dbias: (C), dout: (B, T, C), inp: (B, T, C), weight: (C), mean: (B, T), rstd: (B, T)
 */
export async function layernorm_backward(
  k: PipelineCache,
  dinp: Bindable,
  dweight: Bindable,
  dbias: Bindable,
  dout: Bindable,
  inp: Bindable,
  weight: Bindable,
  mean: Bindable,
  rstd: Bindable,
  B: number,
  T: number,
  C: number,
  variant: RowVariant = 'thread',
): Promise<Dispatch[]> {
  const u = packUniforms([{ u: B * T }, { u: C }]);
  const r = rowKernel(LAYERNORM, 'layernorm_backward_dinp', B * T, variant);
  const pi = await k.pipeline(r.source, r.entry);
  const pp = await k.pipeline(LAYERNORM, 'layernorm_backward_dparams');
  return [
    makeDispatch(k.device, r.label, pi, [dinp, dout, inp, weight, mean, rstd], r.grid, u),
    makeDispatch(k.device, 'layernorm_backward_dparams', pp, [dweight, dbias, dout, inp, mean, rstd], grid1d(C), u),
  ];
}
