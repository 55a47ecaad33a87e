/**
 * The time a step's recipe would take on this GPU, from the store's measured estimate
 * (useRecipeEstimate, from "Measure this GPU"), and the projector's one measurement: taken while
 * the first steps are talked through, for the demo's model size only, never while a run trains.
 * This module estimates nothing itself.
 */
import { useEffect, useRef } from 'react';
import type { DemoSize } from '../../lessons/classroom/script.ts';
import type { Recipe } from '../../lessons/recipe.ts';
import { currentMeasurement, measureGpu, measureThisGpu, useRecipeEstimate } from '../../store/api.ts';
import { useLab } from '../../store/index.ts';

export interface StepEstimate {
  /** seconds for the whole recipe on this GPU, or null when not known */
  seconds: number | null;
  /** how it was measured, or why there is no figure */
  note: string;
}

/** The estimate of a recipe's run here. */
export function useStepEstimate(r: Pick<Recipe, 'preset' | 'steps' | 'batch'>): StepEstimate {
  const est = useRecipeEstimate(r);
  const measuring = useLab((s) => s.gpuMeasuring !== null);
  const adapter = useLab((s) => (s.gpu.state === 'ready' ? s.gpu.report.name : null));
  if (est.source === 'measured') return { seconds: est.seconds, note: `from training steps timed on ${adapter ?? 'this GPU'}` };
  if (measuring) return { seconds: null, note: 'measuring this GPU now' };
  return { seconds: null, note: est.reason === 'not-measured' ? 'this GPU has not been measured yet' : `the ${r.preset} model has not been timed on this GPU` };
}

/** In the window that runs the demo: measure this GPU once for `size` when it has no figure for it. */
export function useMeasureOnce(size: DemoSize, runs: boolean): void {
  const asked = useRef(false);
  const ready = useLab((s) => s.gpu.state === 'ready');
  const idle = useLab((s) => measureGpu.predicate(s));
  const has = useLab((s) => currentMeasurement(s)?.presets.some((p) => p.preset === size) ?? false);
  const software = useLab((s) => s.gpu.state === 'ready' && s.gpu.report.isFallback);
  useEffect(() => {
    if (!runs || !ready || has || !idle || asked.current) return;
    asked.current = true;
    // The estimate needs only the timed training steps; on a software adapter the matmul variants'
    // timings (the base model's products) take longer than the steps themselves, so they are left out there.
    measureThisGpu(software ? { presets: [size], variants: [] } : { presets: [size] });
  }, [runs, ready, has, idle, size, software]);
}
