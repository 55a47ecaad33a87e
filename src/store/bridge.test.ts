import { beforeEach, describe, expect, it } from 'vitest';
import { applyWorkerEvent } from './bridge.ts';
import { useLab } from './index.ts';

const report = {
  vendor: 'acme', architecture: 'rdna9', device: '', description: '', isFallback: false, name: 'acme rdna9',
  features: ['timestamp-query'], limits: { maxBufferSize: 1024 },
};

describe('bridge', () => {
  beforeEach(() => useLab.setState({ gpu: { state: 'probing' }, gpuErrors: [] }));

  it('turns a ready report into a ready GPU state', () => {
    const kernels = { matmul: 'tiled', rows: 'workgroup', why: 'hardware' };
    applyWorkerEvent({ type: 'gpu-ready', report, selfTest: { n: 10, maxAbsDiff: 0, ms: 3 }, kernels });
    const g = useLab.getState().gpu;
    expect(g.state).toBe('ready');
    expect(g.state === 'ready' && g.report.name).toBe('acme rdna9');
    expect(g.state === 'ready' && g.kernels).toEqual(kernels);
  });

  it('keeps the reason when WebGPU is unavailable', () => {
    applyWorkerEvent({ type: 'gpu-unavailable', reason: 'no-adapter', message: 'none' });
    expect(useLab.getState().gpu).toEqual({ state: 'unavailable', reason: 'no-adapter', message: 'none' });
  });

  it('keeps only the last 20 uncaptured errors', () => {
    for (let i = 0; i < 25; i++) applyWorkerEvent({ type: 'gpu-error', message: `e${i}` });
    const errs = useLab.getState().gpuErrors;
    expect(errs).toHaveLength(20);
    expect(errs[0]).toBe('e5');
  });
});
