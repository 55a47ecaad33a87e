/**
 * The one "GPU device was lost" banner every page shows when the engine could not replace a lost
 * device (the worker replaces it by itself when it can). Renders nothing in any other GPU state.
 */
import type { GpuStatus } from '../store/gpuSlice.ts';

export function DeviceLost({ gpu, note, className = 'error' }: { gpu: GpuStatus; note?: string; className?: string }) {
  if (gpu.state !== 'lost') return null;
  return (
    <p role="alert" className={className || undefined}>
      The GPU device was lost ({gpu.message}). Reload the page to get a new one{note ? `; ${note}` : ''}.
    </p>
  );
}
