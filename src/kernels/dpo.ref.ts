/**
 * CPU reference of dpo.wgsl: same names, same argument order (outputs, inputs, sizes). A batch of
 * P pairs and L text rows is B = 2P + L rows: chosen rows 0..P-1, the rejected rows in the same
 * order, then the text rows. Written for clarity; works on Float32Array or Float64Array.
 */
import { rowMaxSum } from './crossentropy.ref.ts';

type Arr = Float32Array | Float64Array;

/** -log sigmoid(h), stable for large |h|. */
const softplusNeg = (h: number) => Math.max(-h, 0) + Math.log1p(Math.exp(-Math.abs(h)));
/** sigmoid(-h). */
const sigmoidNeg = (h: number) => 1 / (1 + Math.exp(h));

/**
 * The forward half (dpo_forward_logprobs, then dpo_forward_loss).
 * logps[i] = w_i * log softmax(logits_i)[target_i]; lse[i] = log-sum-exp of row i (0 where w_i = 0);
 * seq[b] = sum_t logps[b, t]; per counted pair h = beta * ((seq_c - ref_c) - (seq_r - ref_r));
 * loss = mean softplus(-h) + nll * (-sum seq_c / chosen tokens) + lm * (-sum seq_text / text tokens);
 * dseq[b] = d loss / d seq[b]; stats (11) = [loss, dpo loss, nll, reward margin, chosen seq,
 * rejected seq, accuracy, pairs, chosen reward, rejected reward, text NLL], the means over counted
 * pairs (a pair counts when both rows hold a counted token).
 * logps, lse: (B, T); seq, dseq: (B); stats: (11); logits: (B, T, V); targets, weights: (B, T); ref: (B).
 */
export function dpo_forward(
  logps: Arr, lse: Arr, seq: Arr, dseq: Arr, stats: Arr,
  logits: Arr, targets: ArrayLike<number>, weights: ArrayLike<number>, ref: ArrayLike<number>,
  B: number, T: number, V: number, beta: number, nll: number, L = 0, lm = 0,
): void {
  for (let i = 0; i < B * T; i++) {
    const w = weights[i];
    logps[i] = 0;
    lse[i] = 0;
    if (w === 0) continue;
    const { maxv, sum } = rowMaxSum(logits, i * V, V);
    lse[i] = maxv + Math.log(sum);
    logps[i] = w * (logits[i * V + targets[i]] - lse[i]);
  }
  const rowWeight = (b: number) => {
    let s = 0;
    for (let t = 0; t < T; t++) s += weights[b * T + t];
    return s;
  };
  for (let b = 0; b < B; b++) {
    let s = 0;
    for (let t = 0; t < T; t++) s += logps[b * T + t];
    seq[b] = s;
    dseq[b] = 0;
  }
  const P = (B - L) / 2;
  const counted: number[] = [];
  let ntok = 0;
  for (let q = 0; q < P; q++) {
    if (rowWeight(q) > 0 && rowWeight(q + P) > 0) {
      counted.push(q);
      ntok += rowWeight(q);
    }
  }
  const n = counted.length;
  let loss = 0, chosen = 0, rejected = 0, rc = 0, rr = 0, wins = 0;
  for (const q of counted) {
    const [c, r] = [q, q + P];
    const rewc = beta * (seq[c] - ref[c]);
    const rewr = beta * (seq[r] - ref[r]);
    const h = rewc - rewr;
    loss += softplusNeg(h);
    const g = (-beta * sigmoidNeg(h)) / n;
    dseq[c] = g - nll / ntok;
    dseq[r] = -g;
    chosen += seq[c];
    rejected += seq[r];
    rc += rewc;
    rr += rewr;
    if (h > 0) wins++;
  }
  let lmtok = 0, lmsum = 0;
  for (let b = 2 * P; b < B; b++) {
    lmtok += rowWeight(b);
    lmsum += seq[b];
  }
  for (let b = 2 * P; b < B; b++) dseq[b] = lmtok > 0 ? -lm / lmtok : 0;
  const lmNll = lmtok > 0 ? -lmsum / lmtok : 0;
  const inv = n > 0 ? 1 / n : 0;
  const nllLoss = ntok > 0 ? -chosen / ntok : 0;
  const out = [loss * inv + nll * nllLoss + lm * lmNll, loss * inv, nllLoss, (rc - rr) * inv, chosen * inv, rejected * inv, wins * inv, n, rc * inv, rr * inv, lmNll];
  out.forEach((v, k) => (stats[k] = v));
}

/**
 * dlogits[i, :] += -dseq[b] * w_i * (softmax(logits_i) - onehot(target_i)), b the row of i.
 * dlogits, logits: (B, T, V); targets, weights, lse: (B, T); dseq: (B).
 */
export function dpo_backward(
  dlogits: Arr, logits: Arr, targets: ArrayLike<number>, weights: ArrayLike<number>, lse: ArrayLike<number>, dseq: ArrayLike<number>,
  B: number, T: number, V: number,
): void {
  for (let i = 0; i < B * T; i++) {
    const w = weights[i];
    if (w === 0) continue;
    const g = -dseq[Math.floor(i / T)] * w;
    const x = i * V;
    for (let v = 0; v < V; v++) dlogits[x + v] += (Math.exp(logits[x + v] - lse[i]) - (v === targets[i] ? 1 : 0)) * g;
  }
}
