import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../store/persist.ts';
import { dueStep, entriesAfter, loadEntries, saveEntries, type TimelineEntry } from './timeline.ts';

const e = (step: number, text = 'x'): TimelineEntry => ({ step, endStep: step + 3, text, temperature: 0.8, topK: 40 });

describe('sample timeline', () => {
  it('asks at once for the first sample, then once per multiple of N reached', () => {
    expect(dueStep(3, 25, [])).toBe(3);
    expect(dueStep(24, 25, [e(3)])).toBeNull();
    expect(dueStep(25, 25, [e(3)])).toBe(25);
    expect(dueStep(27, 25, [e(3)])).toBe(27);
    // the sample for 25 was taken at 27: nothing more until 50
    expect(dueStep(49, 25, [e(3), e(27)])).toBeNull();
    expect(dueStep(53, 25, [e(3), e(27)])).toBe(53);
    // a cadence change applies at once
    expect(dueStep(30, 5, [e(27)])).toBe(30);
  });

  it('a new run or a reset clears it; a run back at an earlier step keeps what came before', () => {
    const es = [e(0), e(25), e(50), e(75)];
    expect(entriesAfter(es, 'paused', 'loading', 0)).toEqual([]);
    expect(entriesAfter(es, 'paused', 'idle', 0)).toEqual([]);
    // the page opening (idle) and a restore loading at the autosave's step change nothing yet
    expect(entriesAfter(es, 'idle', 'idle', 0)).toBe(es);
    expect(entriesAfter(es, 'idle', 'loading', 50)).toBe(es);
    // e(25) ended at step 28, e(50) at 53: back at 50, the one that read later weights goes
    expect(entriesAfter(es, 'loading', 'paused', 50).map((x) => x.step)).toEqual([0, 25]);
    expect(entriesAfter(es, 'loading', 'paused', 53).map((x) => x.step)).toEqual([0, 25, 50]);
    expect(entriesAfter(es, 'training', 'training', 80)).toBe(es);
  });

  it('round-trips through storage and skips malformed entries', () => {
    const st = memoryStorage();
    saveEntries('k', [e(0, 'a'), e(5, 'b')], st);
    expect(loadEntries('k', st)).toEqual([e(0, 'a'), e(5, 'b')]);
    st.setItem('k', JSON.stringify([e(1), { step: 'x' }, { step: 2, text: 3 }, { ...e(4), endStep: 'later' }]));
    expect(loadEntries('k', st)).toEqual([e(1)]);
    st.setItem('k', '{oops');
    expect(loadEntries('k', st)).toEqual([]);
  });
});
