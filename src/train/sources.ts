/**
 * Batch sources for the trainer: the pretraining source draws random windows from a token
 * stream and validates on a held-out stream in order; the instruction source draws random
 * formatted examples (loss on the response, or on everything); the classification source walks
 * shuffled epochs of formatted texts. Turning dataset records into tokens happens here too (with
 * prompt.ts); the records themselves come from src/data. No GPU.
 */
import { chunks, classificationBatch, instructionBatch, randomLMBatch, shuffledOrder, validationLMBatches, type ClassBatch, type LMBatch } from './batches.ts';
import { formatClassification, formatInstruction, type FormattedExample, type InstructionExample } from './prompt.ts';
import type { Tokenizer } from './tokenizer.ts';
import type { BatchSource } from './trainer.ts';
import { mulberry32 } from '../util/random.ts';

/** Pretraining: random (B, T) windows of `train`, validation over `val` in order. */
export function lmSource(train: ArrayLike<number>, val: ArrayLike<number>, B: number, T: number, padId: number): BatchSource {
  return {
    train: (rand) => randomLMBatch(train, B, T, rand),
    validation: () => validationLMBatches(val, B, T, padId),
  };
}

/**
 * Instruction examples as tokens for a model of context T: formatted with length T+1 (inputs and
 * shifted targets both fit), prompt tokens counted in the loss only when maskPrompt is false.
 * Examples whose response does not survive the cut are dropped (they would teach nothing); the
 * count is returned so it can be reported.
 */
export function formatInstructionSet(tok: Tokenizer, records: readonly InstructionExample[], T: number, maskPrompt: boolean): { examples: FormattedExample[]; dropped: number } {
  const examples: FormattedExample[] = [];
  let dropped = 0;
  for (const r of records) {
    const f = formatInstruction(tok, r, { contextLength: T + 1, includePrompt: !maskPrompt });
    // A response cut away entirely leaves nothing to learn (and, masked, nothing in the loss).
    if (f.length <= f.promptLength) dropped++;
    else examples.push(f);
  }
  return { examples, dropped };
}

/**
 * Instruction tuning: each training batch is B examples drawn uniformly (with `rand`), validation
 * walks `val` in order, B at a time (the last batch padded with masked rows).
 */
export function instructionSource(train: readonly FormattedExample[], val: readonly FormattedExample[], B: number, T: number, padId: number, shorter: readonly number[] = []): BatchSource {
  if (train.length === 0) throw new Error('instruction source: no training examples');
  return {
    train: (rand) => instructionBatch(train, Array.from({ length: B }, () => Math.floor(rand() * train.length)), B, T, padId, shorter),
    validation: function* (): Generator<LMBatch> {
      for (const rows of chunks(Array.from(val.keys()), B)) yield instructionBatch(val, rows, B, T, padId, shorter);
    },
  };
}

/** Formatted classification texts and their labels (class indices). */
export interface ClassSet {
  examples: { ids: Int32Array; lastIndex: number }[];
  labels: Int32Array;
  /** how many texts were cut to fit the context */
  truncated: number;
}

/** Where the class is read: the last real token (the lessons' default) or the first (lesson 2's experiment). */
export type ReadAt = 'last' | 'first';

/**
 * Texts as classification examples of length T. readAt 'last' reads the class at the closing
 * <|endoftext|> (the one position that has seen the whole text under causal attention); 'first'
 * reads it at position 0, the lesson's experiment showing why that fails (it has seen one token).
 */
export function formatClassSet(tok: Tokenizer, items: readonly { text: string; label: number }[], T: number, readAt: ReadAt = 'last'): ClassSet {
  let truncated = 0;
  const examples = items.map((it) => {
    const f = formatClassification(tok, it.text, T);
    if (f.truncated) truncated++;
    return { ids: f.ids, lastIndex: readAt === 'first' ? 0 : f.lastIndex };
  });
  return { examples, labels: Int32Array.from(items.map((it) => it.label)), truncated };
}

/** Where classification batches come from: shuffled training epochs and the held-out sets in order. */
export interface ClassSource {
  /** batches of epoch e: a seeded shuffle of the training set, B at a time (the last one padded) */
  epoch(e: number): Generator<ClassBatch>;
  batchesPerEpoch: number;
  validation(): Generator<ClassBatch>;
  test(): Generator<ClassBatch>;
}

function* inOrder(set: ClassSet, order: ArrayLike<number>, B: number, T: number, padId: number): Generator<ClassBatch> {
  for (const rows of chunks(order, B)) yield classificationBatch(set.examples, set.labels, rows, B, T, padId);
}

/** Classification finetuning over train / validation / test sets. The same seed gives the same epochs. */
export function classificationSource(train: ClassSet, val: ClassSet, test: ClassSet, B: number, T: number, padId: number, seed: number): ClassSource {
  if (train.examples.length === 0) throw new Error('classification source: no training examples');
  const ordered = (s: ClassSet) => Array.from(s.examples.keys());
  return {
    epoch: (e) => inOrder(train, shuffledOrder(train.examples.length, mulberry32((seed * 7919 + e) >>> 0)), B, T, padId),
    batchesPerEpoch: Math.ceil(train.examples.length / B),
    validation: () => inOrder(val, ordered(val), B, T, padId),
    test: () => inOrder(test, ordered(test), B, T, padId),
  };
}
