/**
 * "Measure this GPU"'s part of the worker protocol (src/worker/measure.ts runs it): the request,
 * its progress and the measurement. Types only; protocol.ts re-exports them with the rest.
 */
import type { GpuMeasurement } from '../model/estimate.ts';
import type { MeasureProgress } from '../model/measure.ts';
import type { MatmulVariant } from '../kernels/matmul.ts';
import type { Preset } from '../model/config.ts';

export type { GpuMeasurement, MeasureProgress };

/** What to time (absent fields: the engine's defaults, model/measure.ts MeasureOptions). */
export interface MeasureRequest {
  /** presets whose training steps are timed */
  presets?: Preset['id'][];
  /** timed steps per preset, after one untimed */
  steps?: number;
  /** matmul variants timed */
  variants?: MatmulVariant[];
}

export type MeasureToWorker =
  /** time the matmul variants and a few training steps of each preset on this adapter (refused while a run trains) */
  { type: 'gpu-measure'; request: MeasureRequest };

export type MeasureFromWorker =
  /** before each part of a measurement: GFLOP of work done of total */
  | ({ type: 'gpu-measure-progress' } & MeasureProgress)
  /** the measurement; `key` names the adapter it was taken on (util/adapter-key.ts) */
  | { type: 'gpu-measured'; key: string; measurement: GpuMeasurement };
