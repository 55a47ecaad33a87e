/**
 * Classification-head kernel descriptors (classifier.wgsl). Same names and argument order as
 * classifier.ref.ts, with the pipeline cache first. The loss is crossentropy_forward_backward
 * with T = 1 and V = NC over the logits this writes.
 */
import type { PipelineCache } from '../gpu/pipelines.ts';
import { type Bindable, type Dispatch, makeDispatch, packUniforms } from '../gpu/compute.ts';
import { grid1d } from './fill.ts';
import { kernelSource } from './sources.ts';
import code from './classifier.wgsl?raw';

export const CLASSIFIER = kernelSource('classifier.wgsl', code);

const sizes = (B: number, T: number, C: number, NC: number) => packUniforms([{ u: B }, { u: T }, { u: C }, { u: NC }]);

/** logits: (B, NC), inp: (B, T, C), idx: (B) u32 gathered position, weight: (NC, C), bias: (NC) */
export async function classifier_forward(
  k: PipelineCache,
  logits: Bindable,
  inp: Bindable,
  idx: Bindable,
  weight: Bindable,
  bias: Bindable,
  B: number,
  T: number,
  C: number,
  NC: number,
): Promise<Dispatch> {
  const pipeline = await k.pipeline(CLASSIFIER, 'classifier_forward');
  return makeDispatch(k.device, 'classifier_forward', pipeline, [logits, inp, idx, weight, bias], grid1d(B * NC), sizes(B, T, C, NC));
}

/**
 * Accumulates dinp (gathered rows only), dweight and dbias; two dispatches.
 * dinp: (B, T, C), dweight: (NC, C), dbias: (NC), dlogits: (B, NC), inp: (B, T, C), idx: (B) u32, weight: (NC, C)
 */
export async function classifier_backward(
  k: PipelineCache,
  dinp: Bindable,
  dweight: Bindable,
  dbias: Bindable,
  dlogits: Bindable,
  inp: Bindable,
  idx: Bindable,
  weight: Bindable,
  B: number,
  T: number,
  C: number,
  NC: number,
): Promise<Dispatch[]> {
  const u = sizes(B, T, C, NC);
  const pi = await k.pipeline(CLASSIFIER, 'classifier_backward_dinp');
  const pp = await k.pipeline(CLASSIFIER, 'classifier_backward_dparams');
  return [
    makeDispatch(k.device, 'classifier_backward_dinp', pi, [dinp, dlogits, idx, weight], grid1d(B * C), u),
    makeDispatch(k.device, 'classifier_backward_dparams', pp, [dweight, dbias, dlogits, inp, idx], grid1d(NC * C), u),
  ];
}
