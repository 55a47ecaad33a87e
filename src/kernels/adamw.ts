/**
 * AdamW kernel descriptor (adamw.wgsl) and its per-step uniforms. The hyperparameters live in a
 * uniform buffer the engine rewrites every step (step, lr schedule) with writeAdamWUniforms, so
 * the dispatch and its bind group are built once. Argument order follows llm.c's adamw_update.
 */
import type { PipelineCache } from '../gpu/pipelines.ts';
import { Usage } from '../gpu/buffers.ts';
import { type Bindable, type Dispatch, makeDispatch, packUniforms } from '../gpu/compute.ts';
import { grid1d } from './fill.ts';
import { kernelSource } from './sources.ts';
import type { AdamWHyper } from './adamw.ref.ts';
import code from './adamw.wgsl?raw';

export const ADAMW = kernelSource('adamw.wgsl', code);
export type { AdamWHyper } from './adamw.ref.ts';

/** The uniform block of adamw.wgsl; bias corrections computed in float64 here, not in f32 on the GPU. */
export function adamwUniforms(h: AdamWHyper): Uint8Array {
  if (!(Number.isInteger(h.step) && h.step >= 1)) throw new Error(`AdamW step must be an integer >= 1, got ${h.step}`);
  return packUniforms([
    { f: h.lr },
    { f: h.beta1 },
    { f: h.beta2 },
    { f: h.eps },
    { f: h.weightDecay },
    { f: 1 - h.beta1 ** h.step },
    { f: 1 - h.beta2 ** h.step },
    { f: 0 },
  ]);
}

/** A uniform buffer for AdamW's hyperparameters, to rewrite each step. */
export function createAdamWUniforms(device: GPUDevice, h: AdamWHyper): GPUBuffer {
  const buffer = device.createBuffer({ label: 'adamw-uniforms', size: 32, usage: Usage.UNIFORM | Usage.COPY_DST });
  writeAdamWUniforms(device, buffer, h);
  return buffer;
}

/** Writes this step's hyperparameters (queued: takes effect for the next submitted step). */
export function writeAdamWUniforms(device: GPUDevice, buffer: GPUBuffer, h: AdamWHyper): void {
  const data = adamwUniforms(h);
  device.queue.writeBuffer(buffer, 0, data.buffer, data.byteOffset, data.byteLength);
}

/**
 * One AdamW step over the arena. params, grads, m, v: (P) views of the same layout; tensors: the
 * arena's tensor table (numTensors, 4) u32; gnorm: (2) from gradnorm (or [0, 1] for no clipping);
 * hyper: from createAdamWUniforms. P sizes the grid (the largest tensor's numel suffices).
 */
export async function adamw_update(
  k: PipelineCache,
  params: Bindable,
  grads: Bindable,
  m: Bindable,
  v: Bindable,
  tensors: Bindable,
  gnorm: Bindable,
  hyper: GPUBuffer,
  P: number,
): Promise<Dispatch> {
  const pipeline = await k.pipeline(ADAMW, 'adamw_update');
  return makeDispatch(k.device, 'adamw_update', pipeline, [hyper, params, grads, m, v, tensors, gnorm], grid1d(P));
}
