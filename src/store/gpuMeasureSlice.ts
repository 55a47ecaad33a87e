/**
 * "Measure this GPU" in the store: the measurements taken, one per adapter (kept in localStorage,
 * so a learner measures once), the measurement running now, and the pure selectors that turn a
 * lesson's recipe into "about N min on this GPU". The bridge applies the worker's events through
 * reduceGpuMeasure; src/store/gpuMeasure.ts sends the command. Plain data only.
 */
import type { StateCreator } from 'zustand';
import { estimateRecipeSeconds, type GpuMeasurement, type RecipeSize } from '../model/estimate.ts';
import { adapterKey } from '../util/adapter-key.ts';
import type { MeasureFromWorker } from '../worker/protocol.ts';
import type { GpuStatus } from './gpuSlice.ts';
import { isRecord, loadSaved, recordOf, save, type KeyValueStore } from './persist.ts';

export const GPU_MEASURE_KEY = 'lab.gpu-measure.v1';

/** A measurement in progress: GFLOP of work done of total, what it times now, and when it was asked for (Date.now()). */
export interface Measuring {
  done: number;
  total: number;
  what: string;
  startedAt: number;
}

export interface GpuMeasureSlice {
  /** measurements by adapter (util/adapter-key.ts) */
  gpuMeasurements: Record<string, GpuMeasurement>;
  gpuMeasuring: Measuring | null;
}

const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** Whether a saved value is a measurement (an old or damaged entry is not). */
export function parseMeasurement(x: unknown): x is GpuMeasurement {
  if (!isRecord(x) || typeof x.adapter !== 'string' || typeof x.date !== 'string' || typeof x.isFallback !== 'boolean') return false;
  if (!Array.isArray(x.matmul) || !Array.isArray(x.presets)) return false;
  return x.matmul.every((r) => isRecord(r) && typeof r.variant === 'string' && isNum(r.ms) && isNum(r.gflops))
    && x.presets.every((r) => isRecord(r) && typeof r.preset === 'string' && isNum(r.batch) && isNum(r.T) && isNum(r.msPerStep) && r.msPerStep > 0 && isNum(r.tokensPerSec));
}

/** The saved measurements (invalid entries are dropped). */
export function loadMeasurements(storage?: KeyValueStore): Record<string, GpuMeasurement> {
  return loadSaved(GPU_MEASURE_KEY, (raw) => recordOf(raw, parseMeasurement), storage) ?? {};
}

export const createGpuMeasureSlice: StateCreator<GpuMeasureSlice, [], [], GpuMeasureSlice> = () => ({
  gpuMeasurements: loadMeasurements(),
  gpuMeasuring: null,
});

/** The state change one measuring event makes (pure; a finished measurement is also saved). */
export function reduceGpuMeasure(s: GpuMeasureSlice, msg: MeasureFromWorker, storage?: KeyValueStore): Partial<GpuMeasureSlice> {
  if (msg.type === 'gpu-measure-progress') {
    return { gpuMeasuring: { startedAt: s.gpuMeasuring?.startedAt ?? Date.now(), done: msg.done, total: msg.total, what: msg.what } };
  }
  const gpuMeasurements = { ...s.gpuMeasurements, [msg.key]: msg.measurement };
  save(GPU_MEASURE_KEY, gpuMeasurements, storage);
  return { gpuMeasurements, gpuMeasuring: null };
}

/** This adapter's measurement, or null (no adapter yet, or never measured here). */
export function currentMeasurement(s: { gpu: GpuStatus; gpuMeasurements: Record<string, GpuMeasurement> }): GpuMeasurement | null {
  return s.gpu.state === 'ready' ? (s.gpuMeasurements[adapterKey(s.gpu.report)] ?? null) : null;
}

/** A recipe's training time on this GPU: measured, or none (never measured, or its preset was not). */
export type RecipeEstimate = { source: 'measured'; seconds: number } | { source: 'none'; seconds: null; reason: 'not-measured' | 'preset-not-measured' };

/** How long `recipe`'s training steps will take here (model/estimate.ts has the rule). */
export function estimateRecipe(s: { gpu: GpuStatus; gpuMeasurements: Record<string, GpuMeasurement> }, recipe: RecipeSize): RecipeEstimate {
  const m = currentMeasurement(s);
  if (!m) return { source: 'none', seconds: null, reason: 'not-measured' };
  const seconds = estimateRecipeSeconds(m, recipe);
  return seconds === null ? { source: 'none', seconds: null, reason: 'preset-not-measured' } : { source: 'measured', seconds };
}

/** Seconds a running measurement still needs, extrapolated from its pace so far; null before the first part is done. */
export function measureSecondsLeft(m: Measuring, now: number): number | null {
  if (!(m.done > 0 && m.total > 0)) return null;
  return (((now - m.startedAt) / 1000) * (m.total - m.done)) / m.done;
}

/**
 * GFLOP/s a measurement's work runs at, all told, before this adapter has been measured: on a
 * software adapter, what SwiftShader did in Chromium on a busy 2-core machine (0.7-0.9 for the
 * register-blocked matmuls and the small preset's steps; the tiled matmul ran at 0.17); on a
 * hardware GPU a cautious guess (the lab's small products keep even a fast GPU far from its peak).
 */
const ROUGH_GFLOPS = { software: 0.7, hardware: 50 };

/** A rough time a measurement of `gflop` work takes, said before it starts. */
export function roughMeasureSeconds(gflop: number, isFallback: boolean): number {
  return gflop / ROUGH_GFLOPS[isFallback ? 'software' : 'hardware'];
}
