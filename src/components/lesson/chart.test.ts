import { describe, expect, it } from 'vitest';
import { mergeSeries, perplexityOf } from './LossChart.tsx';
import { etaSeconds } from './RunProgress.tsx';

describe('lesson chart and progress helpers', () => {
  it('merges training and validation points into one row per x, in order', () => {
    const rows = mergeSeries(
      [{ step: 1, tokens: 128, loss: 6.9 }, { step: 2, tokens: 256, loss: 6.5 }, { step: 3, tokens: 384, loss: 6.1 }],
      [{ step: 2, tokens: 256, valLoss: 6.6 }, { step: 0, tokens: 0, valLoss: 6.95 }],
    );
    expect(rows).toEqual([{ tokens: 0, val: 6.95 }, { tokens: 128, train: 6.9 }, { tokens: 256, train: 6.5, val: 6.6 }, { tokens: 384, train: 6.1 }]);
  });

  it('perplexity is e^loss: ln(V) nats is a fair pick among V tokens', () => {
    expect(perplexityOf(Math.log(1024))).toBeCloseTo(1024, 6);
    expect(perplexityOf(0)).toBe(1);
  });

  it('time left counts the steps still to go at the latest ms per step, only while training', () => {
    expect(etaSeconds({ status: 'training', step: 40, steps: 200, msPerStep: 250 })).toBe(40);
    expect(etaSeconds({ status: 'training', step: 250, steps: 200, msPerStep: 250 })).toBe(0);
    expect(etaSeconds({ status: 'paused', step: 40, steps: 200, msPerStep: 250 })).toBeNaN();
    expect(etaSeconds({ status: 'training', step: 40, steps: 200 })).toBeNaN();
  });
});
