/**
 * Keeping long metric series short: a chart of 100,000 steps needs a few hundred points, and the
 * store and checkpoints must not grow with the run. Thinning halves the density of the whole
 * series uniformly, always keeping the first and the newest point. Pure functions.
 */

/** The series with at most `max` points (max >= 2): every k-th point plus the last. */
export function thin<T>(series: readonly T[], max: number): T[] {
  if (series.length <= max) return series.slice();
  const stride = Math.ceil((series.length - 1) / (max - 1));
  const out: T[] = [];
  for (let i = 0; i < series.length - 1; i += stride) out.push(series[i]);
  out.push(series[series.length - 1]);
  return out;
}

/**
 * Appends points to a capped series. When it outgrows `max`, every other older point is dropped
 * (the newest kept), so the density halves in one go instead of shifting on every append.
 */
export function appendCapped<T>(series: readonly T[], added: readonly T[], max: number): T[] {
  let out = series.concat(added);
  while (out.length > max) {
    const last = out[out.length - 1];
    out = out.filter((_, i) => i % 2 === 0);
    if (out[out.length - 1] !== last) out.push(last);
  }
  return out;
}
