/**
 * Choosing the next token on the CPU from one row of logits: temperature, top-k, top-p (nucleus),
 * greedy at temperature 0, with a seeded generator so a run can be replayed. Also returns the most
 * likely candidates with their probabilities, for the lab to display. Never touches the GPU: the
 * engine reads back the logits row (V floats) first.
 */

/** How to turn logits into a choice. */
export interface SampleOptions {
  /** divides the logits: < 1 sharpens, > 1 flattens, 0 = greedy (argmax). Default 1. */
  temperature?: number;
  /** keep only the k most likely tokens (0 or undefined = all) */
  topK?: number;
  /** keep the smallest set of most likely tokens whose probability adds up to at least p (1 = all) */
  topP?: number;
  /** token ids that may never be chosen (e.g. <|pad|>) */
  exclude?: readonly number[];
  /** how many candidates to report in `top` (default 5) */
  showTop?: number;
}

/** A candidate token and its probability under the final (filtered, renormalized) distribution. */
export interface Candidate {
  token: number;
  prob: number;
}

/** The chosen token, its probability, and the most likely candidates, best first. */
export interface SampleResult {
  token: number;
  prob: number;
  top: Candidate[];
}

/**
 * The distribution sampling draws from: softmax(logits / temperature), cut by top-k then top-p and
 * renormalized. At temperature 0 it is the temperature-1 distribution (greedy ignores it, but the
 * lab still shows it). Returns probabilities (V) and the kept token ids, most likely first.
 */
export function samplingDistribution(logits: ArrayLike<number>, opts: SampleOptions = {}): { probs: Float64Array; kept: number[] } {
  const V = logits.length;
  const temperature = opts.temperature ?? 1;
  if (!(temperature >= 0)) throw new Error(`temperature must be >= 0, got ${temperature}`);
  const topK = opts.topK ?? 0;
  if (!Number.isInteger(topK) || topK < 0) throw new Error(`topK must be a non-negative integer, got ${topK}`);
  const topP = opts.topP ?? 1;
  if (!(topP > 0 && topP <= 1)) throw new Error(`topP must be in (0, 1], got ${topP}`);
  const scale = temperature > 0 ? 1 / temperature : 1;
  const banned = new Set(opts.exclude ?? []);

  let max = -Infinity;
  for (let i = 0; i < V; i++) {
    const x = logits[i];
    if (Number.isNaN(x) || x === Infinity) throw new Error(`logits[${i}] is ${x}; the model output is broken`);
    if (!banned.has(i) && x > max) max = x;
  }
  if (max === -Infinity) throw new Error('no token can be chosen: every logit is -Infinity or excluded');
  const probs = new Float64Array(V);
  let sum = 0;
  for (let i = 0; i < V; i++) {
    // subtract the max before exp so large logits cannot overflow
    const e = banned.has(i) ? 0 : Math.exp((logits[i] - max) * scale);
    probs[i] = e;
    sum += e;
  }
  const order = Array.from({ length: V }, (_, i) => i).filter((i) => probs[i] > 0);
  order.sort((a, b) => probs[b] - probs[a] || a - b); // ties: smaller id first, so results are stable
  let kept = topK > 0 ? order.slice(0, topK) : order;
  let keptSum = kept.reduce((s, i) => s + probs[i], 0);
  if (topP < 1) {
    let cum = 0;
    let n = 0;
    // 1e-12 slack: a set whose mass equals p up to rounding counts as reaching p
    while (n < kept.length && cum < topP * keptSum - 1e-12 * sum) cum += probs[kept[n++]];
    kept = kept.slice(0, Math.max(n, 1));
    keptSum = kept.reduce((s, i) => s + probs[i], 0);
  }
  const out = new Float64Array(V);
  for (const i of kept) out[i] = probs[i] / keptSum;
  return { probs: out, kept };
}

/** Choose the next token from one row of logits (V). `rand` gives uniform [0, 1), e.g. mulberry32(seed). */
export function sampleLogits(logits: ArrayLike<number>, rand: () => number, opts: SampleOptions = {}): SampleResult {
  const { probs, kept } = samplingDistribution(logits, opts);
  let token = kept[0]; // greedy: the most likely token (smallest id among ties)
  if ((opts.temperature ?? 1) > 0) {
    const u = rand();
    let cum = 0;
    for (const i of kept) {
      cum += probs[i];
      token = i;
      if (u < cum) break;
    }
  }
  const top = kept.slice(0, opts.showTop ?? 5).map((t) => ({ token: t, prob: probs[t] }));
  return { token, prob: probs[token], top };
}
