import { beforeEach, describe, expect, it } from 'vitest';
import type { AdapterReport, GpuMeasurement, ToWorker } from '../worker/protocol.ts';
import { adapterKey } from '../util/adapter-key.ts';
import { applyWorkerEvent, type EngineLink } from './bridge.ts';
import { measureGpu } from './gpuMeasure.ts';
import { currentMeasurement, estimateRecipe, GPU_MEASURE_KEY, loadMeasurements, measureSecondsLeft, reduceGpuMeasure } from './gpuMeasureSlice.ts';
import { useLab } from './index.ts';
import { memoryStorage } from './persist.ts';

const SWIFTSHADER: AdapterReport = {
  vendor: 'google', architecture: 'swiftshader', device: '', description: 'SwiftShader Device (Subzero)', isFallback: true,
  name: 'google swiftshader (software)', features: ['timestamp-query'], limits: {},
};
const OTHER: AdapterReport = { ...SWIFTSHADER, vendor: 'nvidia', architecture: 'ampere', description: 'RTX 3060', isFallback: false, name: 'nvidia ampere' };
const ready = (report: AdapterReport) => ({ state: 'ready', report, selfTestMaxDiff: 0, selfTestMs: 1 }) as const;

// A measurement as the worker posts it, with the step times the issue measured in Chromium on
// SwiftShader (test: 1,905 tokens/s at 4 x 32 tokens a step; small: 395 tokens/s at 16 x 128).
const MEASURED: GpuMeasurement = {
  adapter: 'google swiftshader (software)', isFallback: true, date: '2026-12-03T23:40:00.000Z',
  matmul: [
    { variant: 'blocked_vec4', ms: 1480, gflops: 2.72 },
    { variant: 'blocked8_vec4', ms: 1130, gflops: 3.56 },
    { variant: 'tiled', ms: 3900, gflops: 1.03 },
  ],
  presets: [
    { preset: 'test', batch: 4, T: 32, msPerStep: 67.2, tokensPerSec: 1905 },
    { preset: 'small', batch: 16, T: 128, msPerStep: 5185, tokensPerSec: 395 },
  ],
};

function recorder(): EngineLink & { sent: ToWorker[] } {
  const sent: ToWorker[] = [];
  return { sent, send: (m) => void sent.push(m) };
}

describe('a recipe estimate from this GPU\'s measurement', () => {
  const state = { gpu: ready(SWIFTSHADER), gpuMeasurements: { [adapterKey(SWIFTSHADER)]: MEASURED } };

  it('scales the measured step by the recipe\'s steps and batch', () => {
    // lesson 2: 900 steps of 8 messages on small = 900 x 5.185 s x 8/16
    expect(estimateRecipe(state, { preset: 'small', steps: 900, batch: 8 })).toEqual({ source: 'measured', seconds: 2333.25 });
    // lesson 1 on a software adapter: 400 steps of the test preset at its batch of 4
    const e = estimateRecipe(state, { preset: 'test', steps: 400, batch: 4 });
    expect(e.source).toBe('measured');
    expect(e.seconds).toBeCloseTo(26.88, 10);
  });

  it('has no figure for a preset that was not timed, or an adapter that was never measured', () => {
    expect(estimateRecipe(state, { preset: 'medium', steps: 100, batch: 16 })).toEqual({ source: 'none', seconds: null, reason: 'preset-not-measured' });
    expect(estimateRecipe({ ...state, gpu: ready(OTHER) }, { preset: 'small', steps: 100, batch: 16 })).toEqual({ source: 'none', seconds: null, reason: 'not-measured' });
    expect(estimateRecipe({ ...state, gpu: { state: 'probing' } }, { preset: 'small', steps: 100, batch: 16 }).source).toBe('none');
    expect(currentMeasurement({ ...state, gpu: ready(OTHER) })).toBeNull();
  });

  it('extrapolates the time a running measurement has left from its pace', () => {
    expect(measureSecondsLeft({ done: 0, total: 40, what: 'matmul tiled', startedAt: 0 }, 5000)).toBeNull();
    // a quarter of the work in 10 s: 30 s to go
    expect(measureSecondsLeft({ done: 10, total: 40, what: 'small training steps', startedAt: 1000 }, 11_000)).toBeCloseTo(30, 10);
  });
});

describe('measuring through the store', () => {
  beforeEach(() => useLab.setState({ gpu: ready(SWIFTSHADER), gpuMeasurements: {}, gpuMeasuring: null, engineErrors: {} }));

  it('sends the request, shows progress, and keeps the answer per adapter across a reload', () => {
    const link = recorder();
    expect(measureGpu.predicate(useLab.getState())).toBe(true);
    measureGpu.perform(link, useLab.getState(), { presets: ['test'], steps: 1 });
    expect(link.sent).toEqual([{ type: 'gpu-measure', request: { presets: ['test'], steps: 1 } }]);
    expect(measureGpu.predicate(useLab.getState())).toBe(false); // one at a time
    applyWorkerEvent({ type: 'gpu-measure-progress', done: 12, total: 24, what: 'test training steps' });
    expect(useLab.getState().gpuMeasuring).toMatchObject({ done: 12, total: 24, what: 'test training steps' });

    const storage = memoryStorage();
    const next = reduceGpuMeasure(useLab.getState(), { type: 'gpu-measured', key: adapterKey(SWIFTSHADER), measurement: MEASURED }, storage);
    expect(next.gpuMeasuring).toBeNull();
    expect(loadMeasurements(storage)).toEqual({ [adapterKey(SWIFTSHADER)]: MEASURED });
    useLab.setState(next);
    expect(measureGpu.predicate(useLab.getState())).toBe(true);
    expect(currentMeasurement(useLab.getState())).toEqual(MEASURED);
  });

  it('drops saved entries that are not measurements', () => {
    const storage = memoryStorage();
    storage.setItem(GPU_MEASURE_KEY, JSON.stringify({ a: MEASURED, b: { ...MEASURED, presets: [{ preset: 'small', msPerStep: 'slow' }] }, c: 3 }));
    expect(Object.keys(loadMeasurements(storage))).toEqual(['a']);
  });

  it('an error stops the measurement and is shown under its scope; a training run blocks it', () => {
    measureGpu.perform(recorder(), useLab.getState(), {});
    applyWorkerEvent({ type: 'error', scope: 'measure', message: 'a run is training: pause it first' });
    expect(useLab.getState().gpuMeasuring).toBeNull();
    expect(useLab.getState().engineErrors.measure).toMatch(/pause it first/);
    useLab.setState({ run: { status: 'training', settings: null, step: 3, tokens: 0 } });
    expect(measureGpu.predicate(useLab.getState())).toBe(false);
  });
});
