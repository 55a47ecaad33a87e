/**
 * The order cards are shown in: deck order, or a shuffle that a seed makes reproducible (so a
 * shuffled deck keeps its order across a reload). Pure; no React, no store.
 */
import { mulberry32 } from '../../util/random.ts';

/** Fisher-Yates shuffle of a copy of `items`, driven by a seeded generator. seed null keeps the order. */
export function shuffled<T>(items: readonly T[], seed: number | null): T[] {
  const out = items.slice();
  if (seed === null) return out;
  const rand = mulberry32(seed);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
