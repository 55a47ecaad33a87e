/**
 * Text generation, two ways with one sampler: `generate` recomputes the whole context for every
 * token (the plain model, B=1); `generateCached` keeps a KV cache (src/model/decoder.ts), so each
 * new token runs one position through the model and only that position's V logits come back to the
 * CPU. Same options, callback and results, and the same tokens for the same seed: the sampler
 * (chooseToken), the random stream and the sliding window are shared.
 *
 * Prefill: the prompt runs through the full-context forward pass once and its k and v rows are
 * copied into the cache (a prompt under FORWARD_PREFILL_FROM tokens runs as decode steps instead);
 * then each new token is one decode step and one V-float readback.
 * Past blockSize: the window slides exactly as in `generate`: the next token sees the last blockSize
 * tokens at positions 0..blockSize-1. Position embeddings are absolute, so sliding moves every token
 * to a new position and invalidates every cached k and v: the cache is refilled from the whole
 * window (one forward pass, whose last row gives the logits). From then on each
 * token costs about one full forward pass, as without the cache, but still reads back V floats, not
 * (T, V). The cache pays off inside the first window.
 * Must not: touch the GPU except through the decoder, or change the sampling rules (sampling.ts).
 */
import type { GPTConfig } from '../model/config.ts';
import type { KVDecoder } from '../model/decoder.ts';
import type { GPUModel } from '../model/gpt.ts';
import { mulberry32 } from '../util/random.ts';
import { sampleLogits, type SampleOptions, type SampleResult } from './sampling.ts';
import type { Tokenizer } from './tokenizer.ts';

export interface GenerateOptions extends SampleOptions {
  maxTokens: number;
  seed: number;
  /** stop at end-of-text (default true) */
  stopAtEnd?: boolean;
}

export interface GeneratedToken extends SampleResult {
  text: string;
}

/**
 * The loop both generators share: from the prompt (end-of-text when empty), ask `nextLogits` for
 * the logits row (V) after the tokens so far, choose a token with the seeded sampler, report it,
 * and stop at end-of-text or after maxTokens.
 */
async function generateWith(
  nextLogits: (ids: readonly number[]) => Promise<ArrayLike<number>>,
  tokenizer: Tokenizer,
  promptIds: number[],
  opts: GenerateOptions,
  onToken?: (t: GeneratedToken) => void,
): Promise<GeneratedToken[]> {
  const rand = mulberry32(opts.seed);
  const ids = promptIds.length ? [...promptIds] : [tokenizer.endOfTextId];
  const out: GeneratedToken[] = [];
  for (let n = 0; n < opts.maxTokens; n++) {
    const tok = chooseToken(await nextLogits(ids), rand, tokenizer, opts);
    out.push(tok);
    onToken?.(tok);
    if (isStop(tok, tokenizer, opts)) break;
    ids.push(tok.token);
  }
  return out;
}

/**
 * Generates up to maxTokens after `prompt` with a (B=1, T=blockSize) model, calling onToken as
 * each token is chosen. When the text outgrows the context, the oldest tokens slide out.
 */
export async function generate(
  model: GPUModel,
  tokenizer: Tokenizer,
  promptIds: number[],
  opts: GenerateOptions,
  onToken?: (t: GeneratedToken) => void,
): Promise<GeneratedToken[]> {
  const { blockSize: T, vocabSize: V }: GPTConfig = model.config;
  if (model.B !== 1 || model.T !== T) throw new Error('generate needs a model built with batchSize 1 and seqLen = blockSize');
  const input = new Int32Array(T);
  return generateWith(async (ids) => {
    const ctx = ids.slice(-T);
    input.fill(tokenizer.padId);
    input.set(ctx);
    model.evalStep({ tokens: input, targets: input });
    const logits = await model.read({ act: 'logits' });
    return logits.subarray((ctx.length - 1) * V, ctx.length * V);
  }, tokenizer, promptIds, opts, onToken);
}

/** Picks the next token from one logits row (V) the same way for every generator: <|pad|> is never chosen. */
export function chooseToken(row: ArrayLike<number>, rand: () => number, tokenizer: Tokenizer, opts: GenerateOptions): GeneratedToken {
  const r = sampleLogits(row, rand, { ...opts, exclude: [tokenizer.padId, ...(opts.exclude ?? [])] });
  return { ...r, text: tokenizer.decode([r.token]) };
}

/** True when generation ends at this token (end-of-text, unless the caller asked to go on). */
export function isStop(tok: GeneratedToken, tokenizer: Tokenizer, opts: GenerateOptions): boolean {
  return tok.token === tokenizer.endOfTextId && opts.stopAtEnd !== false;
}

/**
 * Generates up to maxTokens after `prompt` with a KV-cache decoder, calling onToken as each token is
 * chosen. An empty prompt starts from end-of-text. The decoder's cache is overwritten.
 */
export async function generateCached(
  decoder: KVDecoder,
  tokenizer: Tokenizer,
  promptIds: number[],
  opts: GenerateOptions,
  onToken?: (t: GeneratedToken) => void,
): Promise<GeneratedToken[]> {
  const T = decoder.maxT;
  // ids[cacheStart + i] is at cache position i, for i < decoder.length
  let cacheStart = -1;
  return generateWith(async (ids) => {
    const start = Math.max(0, ids.length - T); // the window the next token sees, as in generate()
    if (start === cacheStart && decoder.length === ids.length - 1 - start) {
      return decoder.push(ids[ids.length - 1]); // the cache holds the window but its newest token
    }
    cacheStart = start;
    return decoder.prefill(ids.slice(start)); // first call, or the window slid
  }, tokenizer, promptIds, opts, onToken);
}
