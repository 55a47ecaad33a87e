/**
 * Moving named tensors in and out of a flat arena layout (parameters, gradients, moments):
 * the one place that knows how a name maps to a slice of the big buffer.
 */
import type { ArenaLayout } from '../gpu/arena.ts';
import { mulberry32, normal } from '../util/random.ts';

type Arr = Float32Array | Float64Array;

/** Copies named tensors into a new flat array laid out as `layout` (padding stays zero). */
export function flatten<A extends Arr>(layout: ArenaLayout, tensors: Record<string, ArrayLike<number>>, make: (n: number) => A): A {
  const flat = make(layout.totalFloats);
  for (const t of layout.tensors) {
    const src = tensors[t.name];
    if (!src) throw new Error(`flatten ${layout.label}: no tensor named "${t.name}"`);
    if (src.length !== t.numel) throw new Error(`flatten ${layout.label}: "${t.name}" has ${src.length} values, the table says ${t.numel} [${t.shape}]`);
    flat.set(src, t.offset);
  }
  return flat;
}

/** Views of each tensor inside a flat array (no copy). */
export function unflatten<A extends Arr>(layout: ArenaLayout, flat: A): Record<string, A> {
  const out: Record<string, A> = {};
  for (const t of layout.tensors) out[t.name] = flat.subarray(t.offset, t.offset + t.numel) as A;
  return out;
}

/** Fresh parameters from the table's init rules, seeded: the same seed gives the same model. */
export function initParams(layout: ArenaLayout, seed: number): Float32Array {
  const flat = new Float32Array(layout.totalFloats);
  const rand = mulberry32(seed);
  for (const t of layout.tensors) {
    const view = flat.subarray(t.offset, t.offset + t.numel);
    if (t.init.kind === 'ones') view.fill(1);
    else if (t.init.kind === 'normal') for (let i = 0; i < view.length; i++) view[i] = t.init.std * normal(rand);
  }
  return flat;
}
