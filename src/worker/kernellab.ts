/**
 * The engine worker's side of the kernel lab: lists the editable kernels, compiles, checks and
 * times edited text (src/kernels/lab, each on a pipeline cache of its own), and swaps an edited
 * kernel into the live run: the worker's pipeline cache runs the new text from then on and the
 * run's model rebuilds its dispatches, keeping weights, moments and step (switching to the kernel
 * versions that dispatch the file, e.g. attention's row kernels for attention.wgsl, until it is
 * restored). Runs started later use the default versions. A swap that fails to build is undone. The run's divergence stop is left as it is: a broken kernel that sends the loss
 * to NaN stops training there, and the last good autosave stays.
 */
import { PRESETS } from '../model/config.ts';
import { defaultKernelChoice } from '../model/passes.ts';
import { LAB_KERNELS, labKernel } from '../kernels/lab/catalog.ts';
import { checkEdited, compileEdited, timeEdited } from '../kernels/lab/lab.ts';
import type { FromWorker, KernelInfo, KernelLabToWorker, KernelSwap } from './protocol.ts';
import type { Gpu, Run } from './run.ts';

export interface KernelLabContext {
  gpu(): Gpu | undefined;
  run(): Run | undefined;
  post(m: FromWorker): void;
}

const needGpu = (ctx: KernelLabContext): Gpu => {
  const g = ctx.gpu();
  if (!g) throw new Error('no GPU device yet: wait for the GPU panel to report one');
  return g;
};

/** The editable kernels as plain data; `inTraining` for the variants this adapter runs. */
export function kernelCatalog(isFallback: boolean): KernelInfo[] {
  const v = defaultKernelChoice(isFallback);
  return LAB_KERNELS.map((k) => ({
    file: k.file,
    title: k.title,
    summary: k.summary,
    code: k.source.files.at(-1)!.code,
    includes: k.source.files.slice(0, -1).map((f) => ({ name: f.name, code: f.code })),
    ref: k.ref,
    signature: k.signature,
    inTraining: k.inTraining(v),
    checkShape: k.check.shape,
  }));
}

/** Answers one kernel-lab message. */
export async function handleKernelLab(ctx: KernelLabContext, msg: KernelLabToWorker): Promise<void> {
  switch (msg.type) {
    case 'kernel-catalog':
      ctx.post({ type: 'kernel-catalog', kernels: kernelCatalog(needGpu(ctx).isFallback) });
      return;
    case 'kernel-compile':
      ctx.post({ type: 'kernel-compiled', requestId: msg.requestId, file: msg.file, messages: await compileEdited(needGpu(ctx).device, msg.file, msg.code) });
      return;
    case 'kernel-check':
      ctx.post({ type: 'kernel-checked', requestId: msg.requestId, report: await checkEdited(needGpu(ctx).device, msg.file, msg.code) });
      return;
    case 'kernel-time': {
      const g = needGpu(ctx);
      const model = ctx.run()?.model;
      const small = PRESETS.find((p) => p.id === 'small')!;
      const c = model?.config ?? small.config;
      const shape = { B: model?.B ?? small.batchSize, T: model?.T ?? c.blockSize, C: c.nEmbd, NH: c.nHead };
      const name = model ? `the current run (${ctx.run()!.settings.preset}, batch ${shape.B})` : `the small preset (batch ${shape.B})`;
      const report = await timeEdited(g.device, msg.file, msg.code, shape, defaultKernelChoice(g.isFallback));
      ctx.post({ type: 'kernel-timed', requestId: msg.requestId, report: { ...report, model: name } });
      return;
    }
    case 'kernel-swap':
    case 'kernel-restore':
      return swap(ctx, msg.file, msg.type === 'kernel-swap' ? msg.code : null, msg.type === 'kernel-swap' ? msg.checked : 'passed');
  }
}

/** Runs `code` (null: the shipped text) for `file` in the worker's pipelines and the live run's dispatches. */
async function swap(ctx: KernelLabContext, file: string, code: string | null, checked: KernelSwap['checked']): Promise<void> {
  const g = needGpu(ctx);
  labKernel(file); // only the lab's files
  const before = g.cache.overridden.get(file) ?? null;
  const run = ctx.run();
  // the kernel versions the run needs to dispatch every replaced file (attention.wgsl: the row kernels)
  const choice = () => Object.assign(defaultKernelChoice(g.isFallback), ...[...g.cache.overridden.keys()].map((f) => labKernel(f).trainWith ?? {}));
  const rebuild = async () => {
    g.device.pushErrorScope('validation');
    let thrown: unknown;
    try {
      await run?.model?.rebuildDispatches(choice());
    } catch (e) {
      thrown = e;
    }
    const err = await g.device.popErrorScope();
    if (thrown) throw thrown;
    if (err) throw new Error(`WebGPU validation: ${err.message}`);
  };
  g.cache.setOverride(file, code);
  try {
    await rebuild();
  } catch (e) {
    g.cache.setOverride(file, before);
    await rebuild().catch(() => undefined);
    throw new Error(`${file} could not be swapped in, the run keeps the kernel it had: ${(e as Error).message ?? e}`);
  }
  const live = run?.model ? run : undefined;
  const s: KernelSwap = { file, action: code === null ? 'restore' : 'swap', checked, step: live ? live.step : null, tokens: live ? live.tokens : null };
  ctx.post({ type: 'kernel-swapped', swap: s, swapped: [...g.cache.overridden.keys()] });
}

/**
 * After a lost device: the new device's pipeline cache starts with the shipped kernels (an edited
 * kernel may be what lost the device, so it is not put back). Tells the page each swap is over.
 */
export function forgetSwaps(lostCache: { overridden: ReadonlyMap<string, string> } | undefined, post: (m: FromWorker) => void): void {
  for (const file of lostCache?.overridden.keys() ?? []) {
    post({ type: 'kernel-swapped', swap: { file, action: 'restore', checked: 'passed', step: null, tokens: null }, swapped: [] });
  }
}
