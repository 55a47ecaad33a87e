/**
 * What the page knows about the engine's training run: its state, the data loading progress,
 * downsampled loss series, messages and errors by control. Plain data only (no GPU objects, no
 * typed arrays); the bridge writes the engine's events here, the controls write only the draft
 * settings of the next run.
 */
import type { StateCreator } from 'zustand';
import type { ErrorScope, EvalPoint, MetricPoint, RunSettings, RunState } from '../worker/protocol.ts';

/** Points kept per chart series; older points are thinned as the run grows. */
export const MAX_POINTS = 500;

export type DataStatus =
  | { state: 'none' }
  | { state: 'loading'; phase: 'fetch' | 'encode'; done: number; total: number }
  | { state: 'ready'; trainTokens: number; valTokens: number; vocabSize: number };

export interface TrainingSlice {
  run: RunState;
  data: DataStatus;
  /** train-loss read-backs, downsampled to MAX_POINTS */
  metrics: MetricPoint[];
  evals: EvalPoint[];
  /** the latest read-back (never thinned away), for step, tokens/s and ETA */
  lastMetric: MetricPoint | null;
  /** the last error of each control, shown next to it; cleared when that control is used again */
  engineErrors: Partial<Record<ErrorScope, string>>;
  /** things the engine did by itself (device replaced, storage missing), newest last */
  notices: string[];
  /** settings for the next run, edited by the controls */
  draft: RunSettings;
  setDraft(patch: Partial<RunSettings>): void;
}

export const DEFAULT_DRAFT: RunSettings = { preset: 'test', steps: 300, lr: 3e-3, seed: 1337, batch: 4 };

export const IDLE_RUN: RunState = { status: 'idle', settings: null, step: 0, tokens: 0 };

export const createTrainingSlice: StateCreator<TrainingSlice, [], [], TrainingSlice> = (set) => ({
  run: IDLE_RUN,
  data: { state: 'none' },
  metrics: [],
  evals: [],
  lastMetric: null,
  engineErrors: {},
  notices: [],
  draft: DEFAULT_DRAFT,
  setDraft: (patch) => set((s) => ({ draft: { ...s.draft, ...patch } })),
});

// Components may not import the worker: they get the event shapes from here.
export type { ErrorScope, EvalPoint, MetricPoint, RunSettings, RunState, RunStatus, SlotInfo, SampledToken, PresetId } from '../worker/protocol.ts';
