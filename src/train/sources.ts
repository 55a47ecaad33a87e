/**
 * Batch sources for the trainer: the pretraining source draws random windows from a token
 * stream and validates on a held-out stream in order.
 */
import { randomLMBatch, validationLMBatches } from './batches.ts';
import type { BatchSource } from './trainer.ts';

/** Pretraining: random (B, T) windows of `train`, validation over `val` in order. */
export function lmSource(train: ArrayLike<number>, val: ArrayLike<number>, B: number, T: number, padId: number): BatchSource {
  return {
    train: (rand) => randomLMBatch(train, B, T, rand),
    validation: () => validationLMBatches(val, B, T, padId),
    tokensPerBatch: B * T,
  };
}
