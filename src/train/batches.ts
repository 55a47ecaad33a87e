/**
 * Batches for the three lessons, as flat typed arrays ready to upload: pretraining windows from a
 * token stream (random for training, in order for validation), instruction batches with a loss
 * mask, and classification batches with the index to read and the label. Deterministic given a
 * seeded generator (src/util/random.ts). Owns no buffers on the GPU.
 *
 * Every language-model batch has the same shape: inputs, targets and mask are (B, T), row-major;
 * targets[b, t] is the token after inputs[b, t], and mask[b, t] = 1 when that target counts in the loss.
 */

/** A language-model batch (pretraining or instruction tuning). */
export interface LMBatch {
  B: number;
  T: number;
  /** token ids fed to the model: (B, T) */
  inputs: Int32Array;
  /** next-token ids to predict: (B, T) */
  targets: Int32Array;
  /** 1 where the target counts in the loss, 0 for padding or masked prompt: (B, T) */
  mask: Float32Array;
}

/** A classification batch. */
export interface ClassBatch {
  B: number;
  T: number;
  /** token ids: (B, T) */
  inputs: Int32Array;
  /** position of each row's last real token, where the class is read: (B) */
  lastIndex: Int32Array;
  /** class of each row: (B) */
  labels: Int32Array;
  /** 1 for a real example, 0 for a filler row in a short last batch: (B) */
  rowMask: Float32Array;
}

function checkBT(B: number, T: number): void {
  if (!Number.isInteger(B) || B < 1) throw new Error(`batch size B must be a positive integer, got ${B}`);
  if (!Number.isInteger(T) || T < 1) throw new Error(`context length T must be a positive integer, got ${T}`);
}

function emptyLM(B: number, T: number, padId: number): LMBatch {
  return { B, T, inputs: new Int32Array(B * T).fill(padId), targets: new Int32Array(B * T).fill(padId), mask: new Float32Array(B * T) };
}

/** Copy window tokens[start .. start+T] (T+1 tokens) into row b as inputs and shifted targets. */
function putWindow(out: LMBatch, b: number, tokens: ArrayLike<number>, start: number): void {
  for (let t = 0; t < out.T; t++) {
    out.inputs[b * out.T + t] = tokens[start + t];
    out.targets[b * out.T + t] = tokens[start + t + 1];
    out.mask[b * out.T + t] = 1;
  }
}

/**
 * B random windows of T+1 tokens from a stream (pretraining). Each start is uniform over every
 * position where a whole window fits, drawn from `rand`.
 */
export function randomLMBatch(tokens: ArrayLike<number>, B: number, T: number, rand: () => number): LMBatch {
  checkBT(B, T);
  const starts = tokens.length - T; // valid starts: 0 .. N-T-1
  if (starts < 1) throw new Error(`token stream has ${tokens.length} tokens; a window needs T+1 = ${T + 1}`);
  const out = emptyLM(B, T, 0);
  for (let b = 0; b < B; b++) putWindow(out, b, tokens, Math.floor(rand() * starts));
  return out;
}

/** The rows of several batches of the same T, one under the other. */
export function stackRows(...batches: LMBatch[]): LMBatch {
  const T = batches[0].T;
  if (batches.some((b) => b.T !== T)) throw new Error(`stackRows: the batches must have one length, got ${batches.map((b) => b.T).join(', ')}`);
  const B = batches.reduce((n, b) => n + b.B, 0);
  const out: LMBatch = { B, T, inputs: new Int32Array(B * T), targets: new Int32Array(B * T), mask: new Float32Array(B * T) };
  let at = 0;
  for (const b of batches) {
    out.inputs.set(b.inputs, at);
    out.targets.set(b.targets, at);
    out.mask.set(b.mask, at);
    at += b.B * T;
  }
  return out;
}

/** How many batches validationLMBatches yields for a stream of n tokens. */
export function countValidationBatches(n: number, B: number, T: number): number {
  return Math.ceil(Math.max(0, Math.floor((n - 1) / T)) / B);
}

/**
 * The whole stream in order, for validation: windows start at 0, T, 2T, ... (every token is a
 * target exactly once, except the first and a tail shorter than T). The last batch's missing rows
 * are filled with padId and mask 0, so the mean over mask is exact. No randomness.
 */
export function* validationLMBatches(tokens: ArrayLike<number>, B: number, T: number, padId: number): Generator<LMBatch> {
  checkBT(B, T);
  const windows = Math.floor((tokens.length - 1) / T);
  if (windows < 1) throw new Error(`validation stream has ${tokens.length} tokens; a window needs T+1 = ${T + 1}`);
  for (let w0 = 0; w0 < windows; w0 += B) {
    const out = emptyLM(B, T, padId);
    for (let b = 0; b < B && w0 + b < windows; b++) putWindow(out, b, tokens, (w0 + b) * T);
    yield out;
  }
}

/** A shuffled order of 0..n-1 (Fisher-Yates with `rand`), for one epoch over a finetuning set. */
export function shuffledOrder(n: number, rand: () => number): Int32Array {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** Successive groups of B indices from an order; the last group may be shorter. */
export function* chunks(order: ArrayLike<number>, B: number): Generator<number[]> {
  for (let i = 0; i < order.length; i += B) yield Array.from({ length: Math.min(B, order.length - i) }, (_, k) => order[i + k]);
}

/** The shorter lengths instruction batches of a T-token model may take: quarters of T, in 8s. */
export function instructionLengths(T: number): number[] {
  return [...new Set([1, 2, 3].map((q) => Math.ceil((q * T) / 4 / 8) * 8))].filter((t) => t >= 1 && t < T);
}

/**
 * An instruction-tuning batch from formatted examples (prompt.ts, formatted with contextLength
 * T+1 or shorter). Row b takes example rows[b]: inputs = ids[0..T), targets = ids[1..T], and
 * mask = lossMask[1..T] so a target counts when its token is a response token. Rows beyond
 * rows.length are padding with mask 0. With `shorter` lengths the batch has the fewest columns,
 * of those and T, that hold its longest example: the columns cut are padding, never counted, and
 * under the causal mask no position sees the ones after it, so the loss and gradients are the same.
 */
export function instructionBatch(
  examples: ReadonlyArray<{ ids: ArrayLike<number>; lossMask: ArrayLike<number>; length?: number }>,
  rows: readonly number[],
  B: number,
  T: number,
  padId: number,
  shorter: readonly number[] = [],
): LMBatch {
  checkBT(B, T);
  if (rows.length > B) throw new Error(`${rows.length} examples do not fit a batch of ${B}`);
  for (const e of rows) {
    const ex = examples[e];
    if (!ex) throw new Error(`example ${e} does not exist (${examples.length} examples)`);
    if (ex.ids.length > T + 1) throw new Error(`example ${e} has ${ex.ids.length} tokens; format it with contextLength T+1 = ${T + 1}`);
  }
  // An example of n tokens (before its padding) fills n - 1 input positions; the columns after the longest are padding only.
  const need = Math.max(1, ...rows.map((e) => (examples[e].length ?? examples[e].ids.length) - 1));
  const L = Math.min(T, ...shorter.filter((t) => t >= need));
  const out = emptyLM(B, L, padId);
  rows.forEach((e, b) => {
    const ex = examples[e];
    for (let t = 0; t < L; t++) {
      const inp = t < ex.ids.length ? ex.ids[t] : padId;
      const tgt = t + 1 < ex.ids.length ? ex.ids[t + 1] : padId;
      out.inputs[b * L + t] = inp;
      out.targets[b * L + t] = tgt;
      out.mask[b * L + t] = t + 1 < ex.ids.length && ex.lossMask[t + 1] ? 1 : 0;
    }
  });
  return out;
}

/** A classification batch from formatted examples (prompt.ts formatClassification, length T) and their labels. */
export function classificationBatch(
  examples: ReadonlyArray<{ ids: ArrayLike<number>; lastIndex: number }>,
  labels: ArrayLike<number>,
  rows: readonly number[],
  B: number,
  T: number,
  padId: number,
): ClassBatch {
  checkBT(B, T);
  if (rows.length > B) throw new Error(`${rows.length} examples do not fit a batch of ${B}`);
  const out: ClassBatch = { B, T, inputs: new Int32Array(B * T).fill(padId), lastIndex: new Int32Array(B), labels: new Int32Array(B), rowMask: new Float32Array(B) };
  rows.forEach((e, b) => {
    const ex = examples[e];
    if (!ex) throw new Error(`example ${e} does not exist (${examples.length} examples)`);
    if (ex.ids.length > T) throw new Error(`example ${e} has ${ex.ids.length} tokens; the batch holds T = ${T}`);
    if (!(ex.lastIndex >= 0 && ex.lastIndex < ex.ids.length)) throw new Error(`example ${e}: lastIndex ${ex.lastIndex} is outside its ${ex.ids.length} tokens`);
    for (let t = 0; t < ex.ids.length; t++) out.inputs[b * T + t] = ex.ids[t];
    out.lastIndex[b] = ex.lastIndex;
    out.labels[b] = labels[e];
    out.rowMask[b] = 1;
  });
  return out;
}
