/**
 * The assertion every GPU-vs-reference test uses: the lab's one comparison (src/util/compare.ts,
 * also behind the kernel lab's Check), failing with the first mismatch's coordinates in the shape.
 */
import { compareAllClose, DEFAULT_TOLERANCE, describeMismatch, type Tolerance } from '../src/util/compare.ts';

export { coordsOf, type Tolerance } from '../src/util/compare.ts';

/** Throws if any element is out of tolerance or not finite where the reference is. Returns the largest error seen. */
export function expectAllClose(
  name: string,
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  shape: readonly number[],
  tol: Tolerance = DEFAULT_TOLERANCE,
): number {
  const c = compareAllClose(name, got, want, shape, tol);
  if (c.mismatch) throw new Error(describeMismatch(name, c.mismatch, shape, tol));
  return c.maxErr;
}
