/**
 * A bag-of-n-grams logistic regression over the same token ids the classifier reads: the yardstick
 * for lesson 2 (`lab baseline`). It says how much of the spam/ham signal survives the cut to the
 * model's context, so a finetuned model's test accuracy can be read against what plain word counts
 * reach on identical input. Features are which tokens (and, with n = 2, which adjacent token pairs,
 * hashed) occur, not how often. Training is plain SGD over a seeded shuffle each epoch (the spam
 * file is sorted by label, so file order would end every epoch on one class): one seed gives one
 * figure. Pure CPU; owns nothing but its arrays.
 */
import { mulberry32 } from '../util/random.ts';
import { shuffledOrder } from './batches.ts';
import { classEvalOf, type ClassEval } from './classmetrics.ts';
import type { ClassSet } from './sources.ts';

export interface BowOptions {
  /** 1: single tokens; 2: single tokens and adjacent pairs */
  ngram: 1 | 2;
  /** passes over the training set */
  epochs: number;
  /** SGD step size */
  lr: number;
  /** L2 penalty per step */
  l2: number;
  /** seed of the epoch order */
  seed: number;
}

export const BOW_DEFAULTS: BowOptions = { ngram: 2, epochs: 20, lr: 0.05, l2: 1e-5, seed: 1337 };

/** Pair features share this many hashed slots after the vocabulary's own. */
const PAIR_SLOTS = 1 << 18;

export interface BowModel {
  /** one weight per feature index: the vocabulary's ids, then the hashed pairs (ngram 2) */
  weights: Float64Array;
  bias: number;
}

/** The feature index of the adjacent token pair (a, b): hashed into the slots after the vocabulary. */
export const pairFeature = (a: number, b: number, vocabSize: number): number => vocabSize + ((a * 65_537 + b) % PAIR_SLOTS);

/** The distinct feature indices of one token sequence: ids < vocabSize, pairs hashed after them. */
export function bowFeatures(ids: ArrayLike<number>, vocabSize: number, ngram: 1 | 2): number[] {
  const f = new Set<number>();
  for (let i = 0; i < ids.length; i++) {
    f.add(ids[i]);
    if (ngram === 2 && i > 0) f.add(pairFeature(ids[i - 1], ids[i], vocabSize));
  }
  return [...f];
}

/** Feature lists of a classification set, each example read up to its last real token. */
export function setFeatures(set: ClassSet, vocabSize: number, ngram: 1 | 2): number[][] {
  return set.examples.map((e) => bowFeatures(e.ids.subarray(0, e.lastIndex + 1), vocabSize, ngram));
}

function logit(m: BowModel, f: readonly number[]): number {
  let z = m.bias;
  for (const i of f) z += m.weights[i];
  return z;
}

/** Logistic regression (class 1 against class 0) by SGD, the examples in a seeded order each epoch. */
export function trainBow(features: readonly number[][], labels: ArrayLike<number>, vocabSize: number, o: BowOptions): BowModel {
  if (features.length !== labels.length) throw new Error(`bag-of-words: ${features.length} feature rows but ${labels.length} labels`);
  const m: BowModel = { weights: new Float64Array(vocabSize + (o.ngram === 2 ? PAIR_SLOTS : 0)), bias: 0 };
  const rand = mulberry32(o.seed);
  for (let e = 0; e < o.epochs; e++) {
    for (const n of shuffledOrder(features.length, rand)) {
      const g = 1 / (1 + Math.exp(-logit(m, features[n]))) - labels[n];
      m.bias -= o.lr * g;
      for (const i of features[n]) m.weights[i] -= o.lr * (g + o.l2 * m.weights[i]);
    }
  }
  return m;
}

/** Accuracy, mean cross-entropy and the 2x2 confusion matrix, in the shape the classifier's report takes. */
export function evaluateBow(m: BowModel, features: readonly number[][], labels: ArrayLike<number>): ClassEval {
  const confusion = [[0, 0], [0, 0]];
  let loss = 0;
  features.forEach((f, n) => {
    const z = logit(m, f);
    const y = labels[n];
    // log(1 + e^-z) for class 1, log(1 + e^z) for class 0, computed without overflow.
    const s = y === 1 ? -z : z;
    loss += Math.max(s, 0) + Math.log1p(Math.exp(-Math.abs(s)));
    confusion[y][z > 0 ? 1 : 0]++;
  });
  return classEvalOf(confusion, loss);
}
