/**
 * Preference pairs as tokens for DPO: each answer in the instruction template with its response
 * mask (prompt.ts), and batches of P pairs as B = 2P rows, the chosen answers first and the
 * rejected ones in the same order (the layout src/kernels/dpo.wgsl reads). A pair's two rows share
 * the prompt, so they differ only where the answers do. Pure: no GPU.
 */
import type { PrefPair } from '../data/prefs.ts';
import { instructionBatch, type LMBatch } from './batches.ts';
import { formatPrompt, type FormattedExample } from './prompt.ts';
import type { Tokenizer } from './tokenizer.ts';

/** One pair as two formatted answers of at most T+1 tokens each. */
export interface FormattedPair {
  chosen: FormattedExample;
  rejected: FormattedExample;
}

/**
 * One answer after the pair's prompt, cut to `L` tokens. Unlike instruction tuning, a long prompt
 * loses its START (its last tokens, the question's end and the response header, stay): the
 * response is what DPO compares, so it is kept whole. Undefined when even the response and one
 * prompt token do not fit.
 */
export function formatAnswer(tok: Tokenizer, prompt: readonly number[], answer: string, L: number): FormattedExample | undefined {
  const response = [...tok.encode(answer), tok.endOfTextId];
  if (response.length + 1 > L) return undefined;
  const kept = prompt.slice(Math.max(0, prompt.length + response.length - L));
  const all = [...kept, ...response];
  const ids = new Int32Array(L).fill(tok.padId);
  const lossMask = new Uint8Array(L);
  all.forEach((id, i) => {
    ids[i] = id;
    lossMask[i] = i >= kept.length ? 1 : 0;
  });
  return { ids, lossMask, length: all.length, promptLength: kept.length, truncated: kept.length < prompt.length };
}

/** The pairs as tokens for a model of context T; `dropped` counts pairs whose answer cannot fit. */
export function formatPairs(tok: Tokenizer, pairs: readonly PrefPair[], T: number): { pairs: FormattedPair[]; kept: number[]; dropped: number; cut: number } {
  const out: FormattedPair[] = [];
  const kept: number[] = [];
  let cut = 0;
  pairs.forEach((p, i) => {
    const prompt = tok.encode(formatPrompt({ instruction: p.instruction }));
    const chosen = formatAnswer(tok, prompt, p.chosen, T + 1);
    const rejected = formatAnswer(tok, prompt, p.rejected, T + 1);
    if (!chosen || !rejected) return;
    if (chosen.truncated || rejected.truncated) cut++;
    out.push({ chosen, rejected });
    kept.push(i);
  });
  return { pairs: out, kept, dropped: pairs.length - out.length, cut };
}

/**
 * A DPO batch of the pairs `which` (P of them): rows 0..P-1 their chosen answers, rows P..2P-1
 * their rejected ones. With `shorter` lengths the batch runs at the fewest columns that hold its
 * longest answer (instructionBatch).
 */
export function pairBatch(pairs: readonly FormattedPair[], which: readonly number[], T: number, padId: number, shorter: readonly number[] = []): LMBatch {
  const sides = [...which.map((i) => pairs[i].chosen), ...which.map((i) => pairs[i].rejected)];
  return instructionBatch(sides, sides.map((_, k) => k), sides.length, T, padId, shorter);
}

/** P pair indices drawn with replacement from 0..n-1 (a step's batch). */
export function drawPairs(n: number, P: number, rand: () => number): number[] {
  if (n < 1) throw new Error('no preference pairs to draw from');
  return Array.from({ length: P }, () => Math.floor(rand() * n));
}
