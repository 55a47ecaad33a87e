/**
 * Finite-difference gradient checks in float64 for the CPU references (llm.c's trick):
 * pick a random upstream gradient `dout`, define L = sum(out * dout), and compare the analytic
 * gradient the backward pass accumulates with (L(x + h) - L(x - h)) / 2h for every input element.
 */
import { mulberry32, uniformArray } from '../src/util/random.ts';

export interface FdCase {
  /** Named float64 inputs the gradient is checked for (modified in place, then restored). */
  inputs: Record<string, Float64Array>;
  /** Runs the forward pass and returns its output (fresh array, float64). */
  forward: () => Float64Array;
  /** Runs the backward pass for upstream gradient `dout`, returning gradients by input name (accumulated into zeros). */
  backward: (dout: Float64Array) => Record<string, Float64Array>;
}

/** Returns the largest relative error over every checked element; throws with the first bad one. */
export function checkGradients(c: FdCase, { h = 1e-6, tol = 1e-6, seed = 7 } = {}): number {
  const out0 = c.forward();
  const dout = Float64Array.from(uniformArray(out0.length, mulberry32(seed)));
  const grads = c.backward(dout);
  const loss = () => {
    const o = c.forward();
    let s = 0;
    for (let i = 0; i < o.length; i++) s += o[i] * dout[i];
    return s;
  };
  let worst = 0;
  for (const [name, x] of Object.entries(c.inputs)) {
    const g = grads[name];
    if (!g) throw new Error(`backward returned no gradient for ${name}`);
    for (let i = 0; i < x.length; i++) {
      const keep = x[i];
      x[i] = keep + h;
      const lp = loss();
      x[i] = keep - h;
      const lm = loss();
      x[i] = keep;
      const fd = (lp - lm) / (2 * h);
      const err = Math.abs(fd - g[i]) / Math.max(1, Math.abs(fd), Math.abs(g[i]));
      if (!(err <= tol)) throw new Error(`d${name}[${i}]: analytic ${g[i]}, finite difference ${fd}, rel err ${err}`);
      worst = Math.max(worst, err);
    }
  }
  return worst;
}
