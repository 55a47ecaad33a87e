/**
 * The pretraining mix: Brown text and the made-up world's biographies (public/datasets/
 * world-bios.txt) in one batch source. Each row of a batch is a random window from the biographies
 * with probability `mix`, else from Brown, so `mix` is the expected fraction of biography tokens.
 * Validation stays on the Brown held-out stream, so a mixed base's validation loss compares with a
 * Brown-only one. Owns the default mix; no GPU, no I/O.
 */
import { randomLMBatch, stackRows, validationLMBatches, type LMBatch } from './batches.ts';
import type { BatchSource } from './trainer.ts';

/**
 * Biography share of the training tokens by default: the reference run of issue 18 reached
 * 100% of facts at 80% biography tokens (3,200 steps of 8 x 128), while 40% gave 13-20%.
 */
export const DEFAULT_BIO_MIX = 0.8;

/** Checks a mix fraction, naming the setting in the error. */
export function checkMix(mix: number, name = 'bio mix'): number {
  if (!(mix >= 0 && mix <= 1)) throw new Error(`${name} must be between 0 and 1, got ${mix}`);
  return mix;
}

/**
 * Pretraining batches from two streams: row b is a window of `bios` when the batch's generator
 * says so (probability `mix`), else of `brown`. Deterministic in `rand`, so the batch of a step
 * depends only on the seed and the step, as with lmSource. mix 0 draws exactly lmSource's batches.
 */
export function mixedLMSource(brown: ArrayLike<number>, bios: ArrayLike<number>, val: ArrayLike<number>, B: number, T: number, padId: number, mix: number): BatchSource {
  checkMix(mix);
  if (mix > 0 && bios.length < T + 1) throw new Error(`the biographies have ${bios.length} tokens; a window needs T+1 = ${T + 1}`);
  return {
    train: (rand) => mixedWindows(brown, bios, B, T, mix, rand),
    validation: () => validationLMBatches(val, B, T, padId),
  };
}

/**
 * B windows of T tokens from the two streams, as mixedLMSource's training batches draw them
 * (lesson 4's pretraining replay draws its text rows so too, at the pair batch's length).
 */
export function mixedWindows(brown: ArrayLike<number>, bios: ArrayLike<number>, B: number, T: number, mix: number, rand: () => number): LMBatch {
  if (mix === 0) return randomLMBatch(brown, B, T, rand);
  // One draw per row picks its stream, then the window is drawn from that stream.
  const rows: LMBatch[] = [];
  for (let b = 0; b < B; b++) rows.push(randomLMBatch(rand() < mix ? bios : brown, 1, T, rand));
  return stackRows(...rows);
}
