import { beforeEach, describe, expect, it } from 'vitest';
import type { FromWorker, MetricPoint } from '../worker/protocol.ts';
import { applyWorkerEvent, scopeOf, setSaveFile, workerLink } from './bridge.ts';
import { useLab } from './index.ts';
import { IDLE_RUN, MAX_POINTS } from './trainingSlice.ts';

const point = (step: number): MetricPoint => ({ step, tokens: step * 128, loss: 7 - step / 1e4, lr: 1e-3, tokensPerSec: 5000, msPerStep: 25 });
const settings = { preset: 'test' as const, steps: 100, lr: 3e-3, seed: 1, batch: 4 };

describe('bridge: engine events into the store', () => {
  beforeEach(() => useLab.setState({ run: IDLE_RUN, metrics: [], evals: [], lastMetric: null, engineErrors: {}, notices: [], sampleId: null, samples: {}, slots: [] }));

  it('every event is plain data that survives structured cloning (what postMessage does)', () => {
    const events: FromWorker[] = [
      { type: 'run-state', state: { status: 'training', settings, step: 3, tokens: 384 } },
      { type: 'metrics', metrics: [point(2)], evals: [{ step: 2, tokens: 256, valLoss: 6.9 }] },
      { type: 'sample-token', requestId: 1, token: { id: 5, text: 'a', prob: 0.5, top: [{ id: 5, text: 'a', prob: 0.5 }] } },
      { type: 'checkpoints', slots: [{ id: 'autosave', name: 'Autosave', savedAt: 1, bytes: 10, step: 2, preset: 'test', auto: true }] },
    ];
    for (const e of events) expect(structuredClone(e)).toEqual(e);
  });

  it('a run-state event sets the run and shows its settings in the controls', () => {
    applyWorkerEvent({ type: 'run-state', state: { status: 'paused', settings: { ...settings, steps: 777 }, step: 40, tokens: 5120 } });
    const s = useLab.getState();
    expect(s.run).toMatchObject({ status: 'paused', step: 40, tokens: 5120 });
    expect(s.draft.steps).toBe(777);
  });

  it('metric batches append, stay under MAX_POINTS however long the run, and keep the latest read-back', () => {
    for (let b = 0; b < 300; b++) applyWorkerEvent({ type: 'metrics', metrics: [point(2 * b + 1), point(2 * b + 2)], evals: [] });
    const s = useLab.getState();
    expect(s.metrics.length).toBeLessThanOrEqual(MAX_POINTS);
    expect(s.metrics.length).toBeGreaterThan(MAX_POINTS / 2);
    expect(s.metrics[0].step).toBe(1);
    expect(s.metrics.at(-1)?.step).toBe(600);
    expect(s.lastMetric?.step).toBe(600);
    applyWorkerEvent({ type: 'history', metrics: [point(1), point(2)], evals: [] });
    expect(useLab.getState().metrics.map((p) => p.step)).toEqual([1, 2]);
  });

  it('sample tokens stream into the sample they belong to; others are ignored', () => {
    // What workerLink.send does for a sample command when a worker is there.
    useLab.setState({ sampleId: 7, samples: { 7: { requestId: 7, prompt: 'The', model: 'run', tokens: [], running: true } } });
    const sample = () => useLab.getState().samples[useLab.getState().sampleId!];
    const tok = (text: string) => ({ id: 1, text, prob: 0.2, top: [] });
    applyWorkerEvent({ type: 'sample-token', requestId: 7, token: tok(' cat') });
    applyWorkerEvent({ type: 'sample-token', requestId: 6, token: tok(' stale') });
    applyWorkerEvent({ type: 'sample-token', requestId: 7, token: tok(' sat') });
    expect(sample()?.tokens.map((t) => t.text)).toEqual([' cat', ' sat']);
    expect(sample()?.running).toBe(true);
    applyWorkerEvent({ type: 'sample-done', requestId: 7 });
    expect(sample()?.running).toBe(false);
  });

  it('errors land next to their control and are cleared when that control is used again', () => {
    applyWorkerEvent({ type: 'error', scope: 'upload', message: 'bad.safetensors: not a checkpoint' });
    applyWorkerEvent({ type: 'error', scope: 'train', message: 'diverged' });
    expect(useLab.getState().engineErrors).toEqual({ upload: 'bad.safetensors: not a checkpoint', train: 'diverged' });
    // No worker runs in Node: the command clears the old error and reports that the engine is missing.
    workerLink.send({ type: 'ckpt-upload', name: 'x', bytes: new ArrayBuffer(1) });
    expect(useLab.getState().engineErrors.upload).toMatch(/engine is not running/);
    expect(useLab.getState().engineErrors.train).toBe('diverged');
    expect(scopeOf({ type: 'pause' })).toBe('train');
    expect(scopeOf({ type: 'ckpt-delete', id: 'a' })).toBe('checkpoint');
    expect(scopeOf({ type: 'init' })).toBeUndefined();
  });

  it('keeps the last five notices and hands downloads to the file saver', () => {
    for (let i = 0; i < 8; i++) applyWorkerEvent({ type: 'notice', message: `n${i}` });
    expect(useLab.getState().notices).toEqual(['n3', 'n4', 'n5', 'n6', 'n7']);
    const saved: [string, number][] = [];
    setSaveFile((name, bytes) => saved.push([name, bytes.byteLength]));
    applyWorkerEvent({ type: 'download', name: 'run.safetensors', bytes: new ArrayBuffer(12) });
    expect(saved).toEqual([['run.safetensors', 12]]);
  });
});
