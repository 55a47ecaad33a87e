/**
 * The projector's one measurement of this GPU ("Measure this GPU" through the store), taken while
 * the first steps are talked through, for the demo's model size only, never while a run trains, so
 * a training step's estimate (StartEstimate, the store's useRecipeEstimate) is a time by then.
 * This module estimates nothing itself.
 */
import { useEffect, useRef } from 'react';
import type { DemoSize } from '../../lessons/classroom/script.ts';
import { currentMeasurement, measureGpu, measureThisGpu } from '../../store/api.ts';
import { useLab } from '../../store/index.ts';

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
