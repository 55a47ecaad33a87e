import { describe, expect, it } from 'vitest';
import { Pacer } from './pace.ts';

/** One submission whose work "finishes" `workMs` after it: returns how long after submitting settle() called its wait. */
async function round(p: Pacer, workMs: number): Promise<number> {
  const t0 = performance.now();
  p.submitted('step');
  let calledAt = NaN;
  await p.settle(() => {
    calledAt = performance.now() - t0;
    const left = Math.max(0, workMs - calledAt);
    return new Promise((r) => setTimeout(r, left));
  });
  return calledAt;
}

describe('Pacer', () => {
  it('waits at once when disabled, or before it has learned how long the work takes', async () => {
    expect(await round(new Pacer(false), 40)).toBeLessThan(15);
    const p = new Pacer(true);
    expect(await round(p, 40)).toBeLessThan(15); // first wait: first-use costs, not learned from
    expect(await round(p, 40)).toBeLessThan(15); // learned from this one
  });

  it('then sleeps through most of the work before waiting, and sleeps less after sleeping too long', async () => {
    const p = new Pacer(true);
    await round(p, 60);
    await round(p, 60);
    const slept = await round(p, 60);
    expect(slept).toBeGreaterThan(0.9 * 60 - 10);
    expect(slept).toBeLessThan(60);
    // The work gets much faster: the sleeps overshoot, and shrink round after round.
    let last = slept;
    for (let i = 0; i < 8; i++) last = await round(p, 5);
    expect(last).toBeLessThan(slept / 2);
  });
});
