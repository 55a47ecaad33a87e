/**
 * "Measure this GPU" in the worker: runs model/measure.ts on the engine's device with the
 * kernels training uses, streams its progress and posts the measurement with its adapter's key.
 * Refused while a run trains (both would be slowed, and the figures would be wrong). Stores nothing:
 * the page keeps measurements per adapter.
 */
import { measureGpu } from '../model/measure.ts';
import { adapterKey } from '../util/adapter-key.ts';
import type { MeasureToWorker } from './protocol.ts';
import type { RequestContext } from './requests.ts';
import { kernelsOf } from './run.ts';

let busy = false;

/** Measures the engine's GPU as `msg.request` asks. */
export async function handleMeasure(ctx: Pick<RequestContext, 'gpu' | 'run' | 'post'>, msg: MeasureToWorker): Promise<void> {
  const gpu = ctx.gpu();
  if (!gpu?.report) throw new Error('no GPU device yet: wait for the GPU panel to report one');
  const status = ctx.run()?.status;
  if (status === 'training' || status === 'loading' || status === 'recovering') throw new Error('a run is training: pause it first, then measure (both would be slowed)');
  if (busy) throw new Error('this GPU is being measured already');
  busy = true;
  try {
    const { presets, steps, variants } = msg.request;
    const measurement = await measureGpu(gpu.cache, gpu.report, {
      presets, steps, variants, kernels: kernelsOf(gpu),
      onProgress: (p) => ctx.post({ type: 'gpu-measure-progress', ...p }),
    });
    ctx.post({ type: 'gpu-measured', key: adapterKey(gpu.report), measurement });
  } finally {
    busy = false;
  }
}
