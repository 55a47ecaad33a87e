/**
 * The one GPU-vs-reference comparison: |got - want| <= atol + rtol * |want| element by element,
 * with the first mismatch's coordinates in the given shape. The GPU tests throw on it
 * (test/compare.ts expectAllClose); the kernel lab's Check shows it. Dependency-free: runs in
 * Node, the page and the engine worker alike.
 */

export interface Tolerance {
  atol: number;
  rtol: number;
}

/** The first element out of tolerance. */
export interface Mismatch {
  /** flat index */
  index: number;
  /** row-major coordinates of `index` in the shape */
  coords: number[];
  got: number;
  want: number;
  /** |got - want| (NaN when either is not finite) */
  err: number;
}

export interface Comparison {
  /** elements compared: the product of the shape */
  n: number;
  /** largest |got - want| over the elements that passed */
  maxErr: number;
  mismatch: Mismatch | null;
}

export const DEFAULT_TOLERANCE: Tolerance = { atol: 1e-5, rtol: 1e-4 };

/** Row-major coordinates of flat index `i` in `shape`, e.g. [1, 3, 7]. */
export function coordsOf(i: number, shape: readonly number[]): number[] {
  const out: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    out.unshift(i % shape[d]);
    i = Math.floor(i / shape[d]);
  }
  return out;
}

/**
 * Compares `got` with `want` over `shape`, stopping at the first element out of tolerance (or not
 * finite where the reference is: NaN never passes). Throws only when an array is too short.
 */
export function compareAllClose(
  name: string,
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  shape: readonly number[],
  tol: Tolerance = DEFAULT_TOLERANCE,
): Comparison {
  const n = shape.reduce((a, b) => a * b, 1);
  if (got.length < n || want.length < n) {
    throw new Error(`${name}: expected ${n} elements for shape [${shape}], got ${got.length} (gpu) and ${want.length} (ref)`);
  }
  let maxErr = 0;
  for (let i = 0; i < n; i++) {
    const g = got[i];
    const w = want[i];
    const err = Math.abs(g - w);
    if (!(err <= tol.atol + tol.rtol * Math.abs(w))) {
      return { n, maxErr, mismatch: { index: i, coords: coordsOf(i, shape), got: g, want: w, err } };
    }
    maxErr = Math.max(maxErr, err);
  }
  return { n, maxErr, mismatch: null };
}

/** The failure line the tests print and the lab shows: name, coordinates, both values, the bound. */
export function describeMismatch(name: string, m: Mismatch, shape: readonly number[], tol: Tolerance): string {
  return (
    `${name}: mismatch at [${m.coords}] (flat ${m.index}) of shape [${shape}]: gpu ${m.got}, ref ${m.want}, ` +
    `|diff| ${m.err} > atol ${tol.atol} + rtol ${tol.rtol} * |ref|`
  );
}
