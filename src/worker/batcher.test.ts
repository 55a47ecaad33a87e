import { describe, expect, it } from 'vitest';
import { MetricBatcher, type Clock } from './batcher.ts';
import type { EvalPoint, MetricPoint } from './protocol.ts';

/** A clock the test moves by hand; timers fire when it passes them. */
function manualClock() {
  let t = 0;
  let timers: { at: number; f: () => void; id: number }[] = [];
  let next = 1;
  const clock: Clock = {
    now: () => t,
    setTimeout: (f, ms) => {
      timers.push({ at: t + ms, f, id: next });
      return next++;
    },
    clearTimeout: (h) => void (timers = timers.filter((x) => x.id !== h)),
  };
  const advance = (ms: number) => {
    t += ms;
    for (const x of timers.filter((y) => y.at <= t)) {
      timers = timers.filter((y) => y !== x);
      x.f();
    }
  };
  return { clock, advance, pending: () => timers.length };
}

const point = (step: number): MetricPoint => ({ step, tokens: step * 128, loss: 7 - step / 100, lr: 1e-3, tokensPerSec: 1000, msPerStep: 5 });

describe('MetricBatcher', () => {
  it('sends the first point at once, then at most one message per interval with every point in order', () => {
    const { clock, advance } = manualClock();
    const sent: { m: MetricPoint[]; e: EvalPoint[] }[] = [];
    const b = new MetricBatcher((m, e) => sent.push({ m, e }), 200, clock);
    b.metric(point(1));
    expect(sent).toHaveLength(1);
    for (let s = 2; s <= 40; s++) {
      advance(10); // a point every 10 ms: 20 per interval
      b.metric(point(s));
    }
    // 390 ms have passed: the timer fired once at 200 ms; the rest waits for the next.
    expect(sent).toHaveLength(2);
    advance(200);
    expect(sent).toHaveLength(3);
    expect(sent.flatMap((x) => x.m.map((p) => p.step))).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('flush() sends the tail now, and clear() drops it', () => {
    const { clock, advance, pending } = manualClock();
    const sent: number[][] = [];
    const b = new MetricBatcher((m) => sent.push(m.map((p) => p.step)), 200, clock);
    b.metric(point(1));
    b.metric(point(2));
    b.evalPoint({ step: 2, tokens: 256, valLoss: 6.5 });
    expect(pending()).toBe(1);
    b.flush();
    expect(sent).toEqual([[1], [2]]);
    expect(pending()).toBe(0);
    advance(50);
    b.metric(point(3));
    b.clear();
    advance(1000);
    expect(sent).toEqual([[1], [2]]);
  });
});
