/**
 * The attention view's reading of an attention answer (requestsSlice `attention`): one head's
 * query × key weights as rows, exactly the numbers the engine read back, and the colour a weight
 * is drawn in. Pure: no React.
 */
import type { AttentionMaps } from '../train/attention-maps.ts';

export type { AttentionMaps };

/** Head `head` of layer `layer` as n rows (queries) of n weights (keys); 0 above the diagonal. */
export function headWeights(a: AttentionMaps, layer: number, head: number): number[][] {
  if (!(layer >= 0 && layer < a.nLayer && head >= 0 && head < a.nHead)) throw new Error(`no head ${head} in layer ${layer} (${a.nLayer} layers, ${a.nHead} heads)`);
  const base = (layer * a.nHead + head) * a.n * a.n;
  return Array.from({ length: a.n }, (_, q) => a.weights.slice(base + q * a.n, base + (q + 1) * a.n));
}

// ColorBrewer's single-hue Blues: lightness carries the value, so it reads under every colour blindness and in greyscale.
const STOPS = [[247, 251, 255], [198, 219, 239], [107, 174, 214], [33, 113, 181], [8, 48, 107]];

/** The fill of a weight in [0, 1]: light for near 0, dark blue for 1. */
export function weightColour(w: number): string {
  const x = Math.min(1, Math.max(0, w)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const c = STOPS[i].map((v, j) => Math.round(v + f * (STOPS[i + 1][j] - v)));
  return `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
}
