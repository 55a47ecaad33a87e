/**
 * GPU time of each dispatch of a training step, from timestamp queries: one compute pass per
 * dispatch with a timestamp at its start and end, summed by kernel family (the label without its
 * layer and variant). Needs the 'timestamp-query' feature (SwiftShader has it); null without.
 */
import type { GPUModel } from '../../src/model/gpt.ts';

export interface KernelProfile {
  dispatches: number;
  totalMs: number;
  /** by family, slowest first */
  rows: { family: string; count: number; ms: number }[];
}

/** Runs one step's dispatches (after the step the model last ran) with timestamps; the model's state moves on by one update. */
export async function profileSteps(device: GPUDevice, model: GPUModel): Promise<KernelProfile | null> {
  if (!device.features.has('timestamp-query')) return null;
  const ds = model.stepDispatches();
  const n = ds.length;
  const qs = device.createQuerySet({ type: 'timestamp', count: 2 * n });
  const resolve = device.createBuffer({ size: 16 * n, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
  const read = device.createBuffer({ size: 16 * n, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const enc = device.createCommandEncoder({ label: 'profile' });
  ds.forEach((d, i) => {
    const pass = enc.beginComputePass({ label: d.label, timestampWrites: { querySet: qs, beginningOfPassWriteIndex: 2 * i, endOfPassWriteIndex: 2 * i + 1 } });
    pass.setPipeline(d.pipeline);
    pass.setBindGroup(0, d.bindGroup);
    pass.dispatchWorkgroups(...d.workgroups);
    pass.end();
  });
  enc.resolveQuerySet(qs, 0, 2 * n, resolve, 0);
  enc.copyBufferToBuffer(resolve, 0, read, 0, 16 * n);
  device.queue.submit([enc.finish()]);
  await read.mapAsync(GPUMapMode.READ);
  const t = new BigUint64Array(read.getMappedRange().slice(0));
  read.unmap();
  [qs, resolve, read].forEach((o) => o.destroy());
  const fam = new Map<string, { count: number; ms: number }>();
  ds.forEach((d, i) => {
    const key = d.label.replace(/:.*$/, '');
    const f = fam.get(key) ?? { count: 0, ms: 0 };
    f.count++;
    f.ms += Number(t[2 * i + 1] - t[2 * i]) / 1e6;
    fam.set(key, f);
  });
  const rows = [...fam].map(([family, f]) => ({ family, ...f })).sort((a, b) => b.ms - a.ms);
  return { dispatches: n, totalMs: rows.reduce((a, r) => a + r.ms, 0), rows };
}
