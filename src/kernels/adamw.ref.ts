/**
 * CPU reference of adamw.wgsl: same name, same argument order (llm.c's adamw_update).
 * Written for clarity; works on Float32Array or Float64Array.
 */
type Arr = Float32Array | Float64Array;

const TENSOR_DECAY = 1;
const TENSOR_FROZEN = 2;

/** AdamW's hyperparameters for one step; step counts from 1. */
export interface AdamWHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  step: number;
}

/**
 * One AdamW step; params, grads, m, v: (P); tensors: (numTensors, 4) offset, numel, flags, 0;
 * gnorm: (2) [norm, clip scale]. Frozen tensors and padding are left untouched.
 */
export function adamw_update(params: Arr, grads: Arr, m: Arr, v: Arr, tensors: Uint32Array, gnorm: ArrayLike<number>, h: AdamWHyper): void {
  const bc1 = 1 - h.beta1 ** h.step;
  const bc2 = 1 - h.beta2 ** h.step;
  for (let j = 0; j < tensors.length / 4; j++) {
    const [offset, numel, flags] = tensors.subarray(j * 4, j * 4 + 3);
    if (flags & TENSOR_FROZEN) continue;
    const wd = flags & TENSOR_DECAY ? h.weightDecay : 0;
    for (let i = offset; i < offset + numel; i++) {
      const g = grads[i] * gnorm[1];
      m[i] = h.beta1 * m[i] + (1 - h.beta1) * g;
      v[i] = h.beta2 * v[i] + (1 - h.beta2) * g * g;
      const mhat = m[i] / bc1;
      const vhat = v[i] / bc2;
      params[i] -= h.lr * (mhat / (Math.sqrt(vhat) + h.eps) + wd * params[i]);
    }
  }
}
