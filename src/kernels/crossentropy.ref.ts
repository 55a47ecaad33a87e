/**
 * CPU reference of crossentropy.wgsl: same names, same argument order (outputs, inputs, sizes).
 * Written for clarity; works on Float32Array or Float64Array.
 */
type Arr = Float32Array | Float64Array;

/** The row's largest logit and the sum of exp(logit - max) over its V entries (the stable softmax's parts; dpo.ref.ts shares it). */
export function rowMaxSum(logits: ArrayLike<number>, x: number, V: number): { maxv: number; sum: number } {
  let maxv = -Infinity;
  for (let v = 0; v < V; v++) maxv = Math.max(maxv, logits[x + v]);
  let sum = 0;
  for (let v = 0; v < V; v++) sum += Math.exp(logits[x + v] - maxv);
  return { maxv, sum };
}

/**
 * losses[i] = w_i * -log softmax(logits_i)[target_i]; dlogits += (softmax - onehot) * w_i / sum(w);
 * stats[0..1] = [mean loss, sum(w)], stats[2] += mean loss, stats[3] += 1 (a running sum over steps).
 * losses: (B, T), dlogits: (B, T, V), stats: (4), logits: (B, T, V),
 * targets: (B, T), weights: (B, T).
 */
export function crossentropy_forward_backward(
  losses: Arr,
  dlogits: Arr,
  stats: Arr,
  logits: Arr,
  targets: ArrayLike<number>,
  weights: ArrayLike<number>,
  B: number,
  T: number,
  V: number,
): void {
  const N = B * T;
  let wsum = 0;
  for (let i = 0; i < N; i++) wsum += weights[i];
  let lsum = 0;
  for (let i = 0; i < N; i++) {
    const w = weights[i];
    losses[i] = 0;
    if (w === 0) continue;
    const x = i * V;
    const { maxv, sum } = rowMaxSum(logits, x, V);
    losses[i] = w * (Math.log(sum) - (logits[x + targets[i]] - maxv));
    lsum += losses[i];
    for (let v = 0; v < V; v++) {
      const prob = Math.exp(logits[x + v] - maxv) / sum;
      dlogits[x + v] += (prob - (v === targets[i] ? 1 : 0)) * (w / wsum);
    }
  }
  stats[0] = wsum > 0 ? lsum / wsum : 0;
  stats[1] = wsum;
  stats[2] += stats[0];
  stats[3] += 1;
}
