/**
 * "Measure this GPU" as a command (label, predicate, perform, as in commands.ts), and the hook a
 * Start button uses for its estimate. The answer lands in gpuMeasureSlice: progress in
 * `gpuMeasuring`, the measurement in `gpuMeasurements` under this adapter; errors in
 * `engineErrors.measure`.
 */
import type { MeasureRequest } from '../worker/protocol.ts';
import type { EngineLink } from './bridge.ts';
import { estimateRecipe, type RecipeEstimate } from './gpuMeasureSlice.ts';
import { useLab, type LabState } from './index.ts';
import type { RecipeSize } from '../model/estimate.ts';

/** The state the measure command reads. */
export type MeasureCommandState = Pick<LabState, 'gpu' | 'run' | 'gpuMeasuring'>;

export const measureGpu = {
  id: 'measure-gpu',
  label: 'Measure this GPU',
  /** a GPU, no run training (it would slow both), and no measurement running */
  predicate: (s: MeasureCommandState): boolean =>
    s.gpu.state === 'ready' && !['training', 'loading', 'recovering'].includes(s.run.status) && s.gpuMeasuring === null,
  perform(link: EngineLink, _s: MeasureCommandState, request: MeasureRequest): void {
    useLab.setState({ gpuMeasuring: { done: 0, total: 0, what: 'starting', startedAt: Date.now() } });
    link.send({ type: 'gpu-measure', request });
  },
};

/** How long a recipe (preset, steps, batch) will take on this GPU; re-renders when a measurement lands. */
export function useRecipeEstimate(recipe: RecipeSize): RecipeEstimate {
  const gpu = useLab((s) => s.gpu);
  const gpuMeasurements = useLab((s) => s.gpuMeasurements);
  return estimateRecipe({ gpu, gpuMeasurements }, recipe);
}
