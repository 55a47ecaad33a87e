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

  it('never sleeps for short work', async () => {
    const p = new Pacer(true);
    for (let i = 0; i < 3; i++) expect(await round(p, 60)).toBeLessThan(15);
  });

  it('sleeps through most of long work before waiting, and sleeps less after sleeping too long', async () => {
    const p = new Pacer(true);
    await round(p, 1300);
    await round(p, 1300);
    const slept = await round(p, 1300);
    expect(slept).toBeGreaterThan(0.9 * 1300 - 50);
    expect(slept).toBeLessThan(1300);
    // The work gets faster: the sleep overshoots, and the next sleep is shorter.
    const over = await round(p, 1000);
    const next = await round(p, 1000);
    expect(next).toBeLessThan(over - 50);
  });
});
