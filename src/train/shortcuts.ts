/**
 * The shortcut report: the features a bag-of-words model (bow.ts) leans on most for each class,
 * read back as the text of a token or of an adjacent token pair, with how many training messages
 * of each class contain it. A learner reads it as "what a model could cheat with": a feature that
 * marks where a message came from (a reply prefix, a list tag) rather than what it says. Pure CPU.
 */
import { pairFeature, type BowModel } from './bow.ts';
import type { Shortcut } from '../data/types.ts';
import type { ClassSet } from './sources.ts';
import type { Tokenizer } from './tokenizer.ts';

export type { Shortcut };

/** The `k` largest weights toward each class: [class 0's (most negative first), class 1's (most positive first)]. */
export function topShortcuts(model: BowModel, train: ClassSet, tok: Tokenizer, k = 10): [Shortcut[], Shortcut[]] {
  const V = tok.vocabSize;
  // Pair features are hashed: read them back through the pairs the training messages hold.
  const pairOf = new Map<number, [number, number]>();
  const count = new Map<number, [number, number]>();
  train.examples.forEach((e, n) => {
    const ids = e.ids.subarray(0, e.lastIndex + 1);
    const seen = new Set<number>();
    for (let i = 0; i < ids.length; i++) {
      seen.add(ids[i]);
      if (i > 0 && model.weights.length > V) {
        const f = pairFeature(ids[i - 1], ids[i], V);
        if (!pairOf.has(f)) pairOf.set(f, [ids[i - 1], ids[i]]);
        seen.add(f);
      }
    }
    for (const f of seen) {
      const c = count.get(f) ?? [0, 0];
      c[train.labels[n] === 1 ? 1 : 0]++;
      count.set(f, c);
    }
  });
  const textOf = (f: number) => (f < V ? tok.decode([f]) : tok.decode(pairOf.get(f) ?? []));
  // Only features the training set holds (the others never moved from 0), ranked by weight.
  const ranked = [...count.keys()].filter((f) => f < V || pairOf.has(f)).sort((a, b) => model.weights[a] - model.weights[b] || a - b);
  const pick = (fs: number[]) => fs.slice(0, k).map((f) => ({ text: textOf(f), weight: model.weights[f], count: count.get(f)! }));
  return [pick(ranked), pick([...ranked].reverse())];
}

/** One line per shortcut: weight, the text in quotes, and how many messages of each class hold it. */
export function formatShortcuts(list: readonly Shortcut[], classes: readonly [string, string]): string[] {
  return list.map((s) => `${`${s.weight >= 0 ? '+' : ''}${s.weight.toFixed(2)}`.padStart(6)}  ${JSON.stringify(s.text).padEnd(24)} in ${s.count[0]} ${classes[0]}, ${s.count[1]} ${classes[1]}`);
}
