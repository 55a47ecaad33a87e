/**
 * The kernel lab's three operations on an edited kernel file, on any GPUDevice (the engine worker
 * runs them): compile it in its composed source and map every message back to its file, line and
 * column; Check it against its CPU reference with the lab's one comparison; Time it beside the
 * shipped text on the model's shapes. Each runs on a fresh pipeline cache whose override holds
 * the edited text, so nothing here touches the pipelines of a live run.
 */
import { makeHarness, type Harness } from '../../gpu/harness.ts';
import { compileWithMessages, PipelineCache, withFiles, type MappedMessage } from '../../gpu/pipelines.ts';
import { compareAllClose, type Mismatch, type Tolerance } from '../../util/compare.ts';
import type { LabVariants, ModelShape } from './cases.ts';
import { labKernel } from './catalog.ts';

export type { MappedMessage };

/** Every compiler message of the edited file in its composed source (those of shared files too, by name). */
export async function compileEdited(device: GPUDevice, file: string, code: string): Promise<MappedMessage[]> {
  const k = labKernel(file);
  return (await compileWithMessages(device, withFiles(k.source, new Map([[file, code]])))).messages;
}

export interface CheckReport {
  file: string;
  ok: boolean;
  /** the shape the check ran at, for people */
  shape: string;
  /** every output compared, in order, up to and including the first that failed */
  tensors: { name: string; shape: number[]; maxErr: number; ok: boolean }[];
  /** the first element out of tolerance, in the tensor named */
  mismatch?: Mismatch & { tensor: string; shape: number[]; tol: Tolerance };
  /** why the check could not run (compile or validation error) */
  error?: string;
  ms: number;
}

/** Runs `f` on a fresh harness whose cache runs `code` for `file` (null: the shipped text), inside a validation error scope. */
async function withHarness<R>(device: GPUDevice, file: string, code: string | null, f: (h: Harness) => Promise<R>): Promise<R> {
  const cache = new PipelineCache(device);
  cache.setOverride(file, code);
  const h = makeHarness(cache, true);
  device.pushErrorScope('validation');
  let result: R;
  try {
    result = await f(h);
  } finally {
    const err = await device.popErrorScope();
    h.free();
    if (err) throw new Error(`WebGPU validation: ${err.message}`); // eslint-disable-line no-unsafe-finally
  }
  return result;
}

/** Check: the edited kernel against its CPU reference, stopping at the first output out of tolerance. */
export async function checkEdited(device: GPUDevice, file: string, code: string): Promise<CheckReport> {
  const k = labKernel(file);
  const t0 = performance.now();
  const report: CheckReport = { file, ok: false, shape: k.check.shape, tensors: [], ms: 0 };
  try {
    const tensors = await withHarness(device, file, code, (h) => k.check.run(h));
    report.ok = true;
    for (const t of tensors) {
      const c = compareAllClose(t.name, t.got, t.want, t.shape, t.tol);
      report.tensors.push({ name: t.name, shape: t.shape, maxErr: c.maxErr, ok: !c.mismatch });
      if (c.mismatch) {
        report.ok = false;
        report.mismatch = { ...c.mismatch, tensor: t.name, shape: t.shape, tol: t.tol };
        break;
      }
    }
  } catch (e) {
    report.ok = false;
    report.error = String((e as Error).message ?? e);
  }
  report.ms = performance.now() - t0;
  return report;
}

export interface TimeReport {
  file: string;
  shape: string;
  unit: 'GFLOP/s' | 'GB/s';
  /** mean milliseconds per run and the rate, edited and shipped */
  edited: { ms: number; rate: number };
  shipped: { ms: number; rate: number };
  runs: number;
}

/**
 * Time: the edited and the shipped text on the model's shapes, alternating runs so both see the
 * same load; at least 2 timed runs each after a warm-up, until about `budgetMs` has passed.
 */
export async function timeEdited(device: GPUDevice, file: string, code: string, shape: ModelShape, v: LabVariants, budgetMs = 2000): Promise<TimeReport> {
  const k = labKernel(file);
  const timing = k.timing(shape, v);
  return withHarness(device, file, code, (edited) =>
    withHarness(device, file, null, async (shipped) => {
      const ds = { edited: await timing.build(edited), shipped: await timing.build(shipped) };
      const total = { edited: 0, shipped: 0 };
      const once = async (which: 'edited' | 'shipped') => {
        const t0 = performance.now();
        edited.run(...ds[which]);
        await device.queue.onSubmittedWorkDone();
        return performance.now() - t0;
      };
      await once('edited');
      await once('shipped');
      let runs = 0;
      const t0 = performance.now();
      while (runs < 2 || (performance.now() - t0 < budgetMs && runs < 50)) {
        total.edited += await once('edited');
        total.shipped += await once('shipped');
        runs++;
      }
      const at = (ms: number) => ({ ms, rate: timing.work / (ms / 1000) / 1e9 });
      return { file, shape: timing.shape, unit: timing.unit, edited: at(total.edited / runs), shipped: at(total.shipped / runs), runs };
    }),
  );
}
