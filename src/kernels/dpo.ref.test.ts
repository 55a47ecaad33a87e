import { describe, expect, it } from 'vitest';
import { checkGradients } from '../../test/finite-diff.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { dpo_backward, dpo_forward } from './dpo.ref.ts';

/** Runs forward then backward in float64; returns the stats, seq, dseq and dlogits. */
function step(logits: Float64Array, targets: number[], weights: number[], ref: number[], B: number, T: number, V: number, beta: number, nll: number, L = 0, lm = 0) {
  const [logps, lse, seq, dseq, stats] = [new Float64Array(B * T), new Float64Array(B * T), new Float64Array(B), new Float64Array(B), new Float64Array(11)];
  dpo_forward(logps, lse, seq, dseq, stats, logits, targets, weights, ref, B, T, V, beta, nll, L, lm);
  const dlogits = new Float64Array(B * T * V);
  dpo_backward(dlogits, logits, targets, weights, lse, dseq, B, T, V);
  return { stats, seq, dseq, dlogits, logps };
}

describe('dpo reference', () => {
  it('policy equal to the reference: loss ln 2, margin 0, and seq is the summed log-probability of the counted targets', () => {
    const [B, T, V] = [2, 2, 3];
    const logits = Float64Array.from([0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 0, 0]);
    const targets = [1, 2, 0, 0];
    const weights = [0, 1, 1, 1]; // chosen row: one counted token; rejected row: two
    const lp = 3 - Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
    const seqWant = [lp, 2 * Math.log(1 / 3)];
    const r = step(logits, targets, weights, seqWant, B, T, V, 0.5, 0);
    expect([...r.seq]).toEqual(seqWant.map((x) => expect.closeTo(x, 12)));
    expect(r.stats[0]).toBeCloseTo(Math.log(2), 12);
    expect(r.stats[3]).toBeCloseTo(0, 12);
    expect(r.stats[7]).toBe(1);
    expect(r.dseq[0]).toBeCloseTo(-0.25, 12); // -beta * sigmoid(0) over 1 pair
    expect(r.dseq[1]).toBeCloseTo(0.25, 12);
  });

  it('a pair with an empty row does not count; no counted pair gives zeros, not NaN', () => {
    const [B, T, V] = [4, 2, 3];
    const logits = Float64Array.from(uniformArray(B * T * V, mulberry32(3), -2, 2));
    const targets = [0, 1, 2, 0, 1, 1, 2, 2];
    const weights = [1, 1, 1, 0, 0, 1, 0, 0]; // pair 0: rows 0 and 2; pair 1: rows 1 and 3 (row 3 empty)
    const r = step(logits, targets, weights, [0, 0, 0, 0], B, T, V, 1, 0.5);
    expect(r.stats[7]).toBe(1);
    expect(r.dseq[1]).toBe(0);
    expect(r.dseq[3]).toBe(0);
    expect(r.stats[2]).toBeCloseTo(-r.seq[0] / 2, 12); // NLL over the counted chosen row's 2 tokens
    const none = step(logits, targets, [1, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0], B, T, V, 1, 0.5);
    expect([...none.stats]).toEqual(new Array(11).fill(0));
    expect([...none.dlogits].every((x) => x === 0)).toBe(true);
  });

  it('backward equals finite differences of the loss (float64): awkward shape, masks, an uncounted pair, NLL on', () => {
    const [P, T, V] = [3, 5, 7];
    const B = 2 * P;
    const rand = mulberry32(11);
    const logits = Float64Array.from(uniformArray(B * T * V, rand, -3, 3));
    const targets = Array.from({ length: B * T }, () => Math.floor(rand() * V));
    // Prompt positions masked, padding masked, pair 2's rejected row empty.
    const weights = Array.from({ length: B * T }, (_, i) => (i % T < 2 || (i >= 5 * T) ? 0 : i % 4 === 3 ? 0 : 1));
    const ref = Array.from({ length: B }, () => -3 * rand());
    for (const [beta, nll] of [[0.1, 0], [0.7, 1.3]]) {
      const worst = checkGradients({
        inputs: { logits },
        forward: () => step(logits, targets, weights, ref, B, T, V, beta, nll).stats.slice(0, 1),
        backward: (dout) => ({ logits: step(logits, targets, weights, ref, B, T, V, beta, nll).dlogits.map((g) => g * dout[0]) }),
      });
      expect(worst).toBeLessThan(1e-6);
    }
    const r = step(logits, targets, weights, ref, B, T, V, 0.7, 1.3);
    expect(r.stats[7]).toBe(2);
    expect(r.stats[0]).toBeCloseTo(r.stats[1] + 1.3 * r.stats[2], 12);
    expect(r.stats[3]).toBeCloseTo(r.stats[8] - r.stats[9], 12);
  });

  it('text rows after the pairs (pretraining replay): backward equals finite differences; the loss adds lm x their mean token NLL', () => {
    const [P, L, T, V] = [2, 3, 4, 5];
    const B = 2 * P + L;
    const rand = mulberry32(23);
    const logits = Float64Array.from(uniformArray(B * T * V, rand, -3, 3));
    const targets = Array.from({ length: B * T }, () => Math.floor(rand() * V));
    // pairs: the first column masked (the prompt); text rows: all counted, the last one's end padded
    const weights = Array.from({ length: B * T }, (_, i) => (Math.floor(i / T) < 2 * P ? (i % T === 0 ? 0 : 1) : i >= (B - 1) * T + 2 ? 0 : 1));
    const ref = Array.from({ length: B }, () => -3 * rand());
    const worst = checkGradients({
      inputs: { logits },
      forward: () => step(logits, targets, weights, ref, B, T, V, 0.4, 0.5, L, 0.7).stats.slice(0, 1),
      backward: (dout) => ({ logits: step(logits, targets, weights, ref, B, T, V, 0.4, 0.5, L, 0.7).dlogits.map((g) => g * dout[0]) }),
    });
    expect(worst).toBeLessThan(1e-6);
    const r = step(logits, targets, weights, ref, B, T, V, 0.4, 0.5, L, 0.7);
    const textTokens = 2 * T + 2;
    let textSum = 0;
    for (let b = 2 * P; b < B; b++) textSum += r.seq[b];
    expect(r.stats[10]).toBeCloseTo(-textSum / textTokens, 12);
    expect(r.stats[0]).toBeCloseTo(r.stats[1] + 0.5 * r.stats[2] + 0.7 * r.stats[10], 12);
    for (let b = 2 * P; b < B; b++) expect(r.dseq[b]).toBeCloseTo(-0.7 / textTokens, 12);
    // The pairs' figures are those of the same pairs without the text rows.
    const alone = step(logits.slice(0, 2 * P * T * V), targets.slice(0, 2 * P * T), weights.slice(0, 2 * P * T), ref.slice(0, 2 * P), 2 * P, T, V, 0.4, 0.5);
    expect([...r.stats.slice(1, 10)]).toEqual([...alone.stats.slice(1, 10)].map((x) => expect.closeTo(x, 12)));
    expect(alone.stats[10]).toBe(0);
  });

  it('stays finite for a pair ordered far the wrong or the right way (|h| in the hundreds)', () => {
    const [B, T, V] = [2, 1, 2];
    const logits = Float64Array.from([0, 0, 0, 0]);
    for (const ref of [[500, -500], [-500, 500]]) {
      const r = step(logits, [0, 1], [1, 1], ref, B, T, V, 1, 0);
      expect(Number.isFinite(r.stats[0])).toBe(true);
      expect(Number.isFinite(r.dseq[0])).toBe(true);
    }
    expect(step(logits, [0, 1], [1, 1], [500, -500], B, T, V, 1, 0).stats[1]).toBeCloseTo(1000, 6); // softplus(1000) = 1000
  });
});
