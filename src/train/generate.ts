/**
 * Text generation with a KV cache (src/model/decoder.ts): each new token runs one position through
 * the model instead of the whole context, and only that position's V logits come back to the CPU.
 * Same options, callback and results as engine.ts's `generate` (full recomputation), and the same
 * tokens for the same seed: the sampler, the random stream and the sliding window match it.
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
import type { KVDecoder } from '../model/decoder.ts';
import { mulberry32 } from '../util/random.ts';
import { chooseToken, isStop, type GenerateOptions, type GeneratedToken } from './engine.ts';
import type { Tokenizer } from './tokenizer.ts';

export type { GenerateOptions, GeneratedToken } from './engine.ts';

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
  const rand = mulberry32(opts.seed);
  const ids = promptIds.length ? [...promptIds] : [tokenizer.endOfTextId];
  const out: GeneratedToken[] = [];
  // ids[cacheStart + i] is at cache position i, for i < decoder.length
  let cacheStart = -1;
  for (let n = 0; n < opts.maxTokens; n++) {
    const start = Math.max(0, ids.length - T); // the window the next token sees, as in generate()
    let logits: Float32Array;
    if (start === cacheStart && decoder.length === ids.length - 1 - start) {
      logits = await decoder.push(ids[ids.length - 1]); // the cache holds the window but its newest token
    } else {
      logits = await decoder.prefill(ids.slice(start)); // first call, or the window slid
      cacheStart = start;
    }
    const tok = chooseToken(logits, rand, tokenizer, opts);
    out.push(tok);
    onToken?.(tok);
    if (isStop(tok, tokenizer, opts)) break;
    ids.push(tok.token);
  }
  return out;
}
