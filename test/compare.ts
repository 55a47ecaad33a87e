/**
 * The one comparison every GPU-vs-reference test uses: |got - want| <= atol + rtol * |want|
 * element by element, failing with the first mismatch's coordinates in the given shape.
 */

export interface Tolerance {
  atol: number;
  rtol: number;
}

/** Row-major coordinates of flat index `i` in `shape`, e.g. [1, 3, 7]. */
export function coordsOf(i: number, shape: readonly number[]): number[] {
  const out: number[] = [];
  for (let d = shape.length - 1; d >= 0; d--) {
    out.unshift(i % shape[d]);
    i = Math.floor(i / shape[d]);
  }
  return out;
}

/** Throws if any element is out of tolerance or not finite where the reference is. Returns the largest error seen. */
export function expectAllClose(
  name: string,
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  shape: readonly number[],
  tol: Tolerance = { atol: 1e-5, rtol: 1e-4 },
): number {
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
      throw new Error(
        `${name}: mismatch at [${coordsOf(i, shape)}] (flat ${i}) of shape [${shape}]: gpu ${g}, ref ${w}, ` +
          `|diff| ${err} > atol ${tol.atol} + rtol ${tol.rtol} * |ref|`,
      );
    }
    maxErr = Math.max(maxErr, err);
  }
  return maxErr;
}
