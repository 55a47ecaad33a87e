/**
 * Decode-attention kernel descriptor (attention_decode.wgsl): one new query against the KV cache.
 * Same name and argument order as attention_decode.ref.ts, with the pipeline cache first and the
 * position in a GPU buffer (`step`) rather than an argument, so the dispatch is built once per model
 * and reused for every token. Does not fill the cache: the decoder copies k and v into it first.
 */
import type { PipelineCache } from '../gpu/pipelines.ts';
import { type Bindable, type Dispatch, makeDispatch, packUniforms } from '../gpu/compute.ts';
import { type RowVariant, rowKernel } from './fill.ts';
import { kernelSource } from './sources.ts';
import code from './attention_decode.wgsl?raw';

export const ATTENTION_DECODE = kernelSource('attention_decode.wgsl', code, true);

/**
 * out: (C), att: (NH, maxT) weights (0 past pos), qkv: (3C) the new position (q = first C),
 * kcache, vcache: (maxT, C) rows 0..pos filled, step: (1) u32 = pos. variant: see RowVariant.
 */
export async function attention_decode(
  k: PipelineCache,
  out: Bindable,
  att: Bindable,
  qkv: Bindable,
  kcache: Bindable,
  vcache: Bindable,
  step: Bindable,
  C: number,
  NH: number,
  maxT: number,
  variant: RowVariant = 'thread',
): Promise<Dispatch> {
  if (C % NH !== 0) throw new Error(`attention_decode: C (${C}) must be a multiple of NH (${NH})`);
  const r = rowKernel(ATTENTION_DECODE, 'attention_decode', NH, variant);
  return makeDispatch(k.device, r.label, await k.pipeline(r.source, r.entry), [out, att, qkv, kcache, vcache, step], r.grid, packUniforms([{ u: C }, { u: NH }, { u: maxT }]));
}
