/**
 * CPU reference of gradnorm.wgsl: same name, same argument order (outputs, inputs, settings).
 */
type Arr = Float32Array | Float64Array;

const TENSOR_FROZEN = 2;

/**
 * gnorm = [norm, clip scale]: the L2 norm of grads over the non-frozen tensors of the table, and
 * min(1, maxNorm / (norm + 1e-6)) (1 when maxNorm <= 0). gnorm: (2), grads: (P), tensors: (numTensors, 4).
 */
export function gradnorm(gnorm: Arr, grads: Arr, tensors: Uint32Array, maxNorm: number): void {
  let s = 0;
  for (let j = 0; j < tensors.length / 4; j++) {
    const [offset, numel, flags] = tensors.subarray(j * 4, j * 4 + 3);
    if (flags & TENSOR_FROZEN) continue;
    for (let i = offset; i < offset + numel; i++) s += grads[i] * grads[i];
  }
  const norm = Math.sqrt(s);
  gnorm[0] = norm;
  gnorm[1] = maxNorm > 0 ? Math.min(1, maxNorm / (norm + 1e-6)) : 1;
}
