/**
 * Which matmul variant a device runs. Either measured on the user's adapter for the model's own
 * shapes at start-up (fastest forward + backward wins), or chosen from the adapter's properties
 * (a software adapter such as SwiftShader gets the register-blocked vec4 kernel). The choice is cached
 * per adapter and shape set behind a storage-agnostic interface, so the worker can persist it
 * (IndexedDB, localStorage, a file) without this module knowing how. The returned choice says
 * which variant runs and why, for the UI. Holds no model state and never touches the UI.
 */
import { createStorageBuffer } from '../gpu/buffers.ts';
import { submitDispatches, type Dispatch } from '../gpu/compute.ts';
import type { AdapterReport } from '../gpu/info.ts';
import type { PipelineCache } from '../gpu/pipelines.ts';
import { MATMUL_VARIANTS, type MatmulVariant, matmul_backward, matmul_forward } from './matmul.ts';
import { adapterKey } from '../util/adapter-key.ts';

/** One matmul of the model in llm.c layout: out (BT, OC) = inp (BT, C) · weightᵀ. */
export interface MatmulDims {
  BT: number;
  C: number;
  OC: number;
}

/** Where choices are kept between runs; may be synchronous or asynchronous. */
export interface VariantCache {
  get(key: string): string | undefined | Promise<string | undefined>;
  set(key: string, value: string): void | Promise<void>;
}

/** A VariantCache in memory (tests, Node, or before the worker plugs in persistent storage). */
export class MemoryVariantCache implements VariantCache {
  readonly entries = new Map<string, string>();
  get(key: string): string | undefined {
    return this.entries.get(key);
  }
  set(key: string, value: string): void {
    this.entries.set(key, value);
  }
}

/** The variant a device runs and how it was picked. */
export interface MatmulChoice {
  variant: MatmulVariant;
  /** measured now, read from the cache, or picked from the adapter's properties */
  how: 'measured' | 'cached' | 'adapter';
  /** the cache key: adapter and shapes */
  key: string;
  /** when measured: milliseconds of one forward + backward over all shapes, per candidate */
  timesMs?: Partial<Record<MatmulVariant, number>>;
}

/** The cache key for an adapter and a set of matmul shapes. */
export function choiceKey(report: AdapterReport, shapes: readonly MatmulDims[]): string {
  const dims = [...new Set(shapes.map((s) => `${s.BT}x${s.C}x${s.OC}`))].sort().join(',');
  return `matmul|${adapterKey(report)}|${dims}`;
}

/**
 * The choice from adapter properties alone: register blocking with vec4 loads on software
 * adapters (no barriers; it falls back to the scalar blocked kernel for shapes that are not
 * multiples of 4), shared-memory tiles on real GPUs.
 */
export function variantForAdapter(report: AdapterReport): MatmulVariant {
  return report.isFallback ? 'blocked8_vec4' : 'tiled';
}

export interface SelectOptions {
  cache?: VariantCache;
  /** variants to measure (default: the vec4 kernels and tiled; naive and scalar blocked are never the fastest on shapes that fit vec4) */
  candidates?: readonly MatmulVariant[];
  /** measure on software adapters too (default false: SwiftShader takes seconds, and blocked8_vec4 wins there) */
  measureFallback?: boolean;
}

/**
 * Picks the matmul variant for this device and these shapes: from the cache if it holds one,
 * else by measuring the candidates (real GPUs), else from the adapter's properties.
 * A measured or adapter choice is written to the cache.
 */
export async function selectMatmulVariant(
  k: PipelineCache,
  report: AdapterReport,
  shapes: readonly MatmulDims[],
  { cache, candidates = ['blocked_vec4', 'blocked8_vec4', 'tiled'], measureFallback = false }: SelectOptions = {},
): Promise<MatmulChoice> {
  const key = choiceKey(report, shapes);
  const hit = await cache?.get(key);
  if (hit && (MATMUL_VARIANTS as readonly string[]).includes(hit)) return { variant: hit as MatmulVariant, how: 'cached', key };
  let choice: MatmulChoice;
  if (report.isFallback && !measureFallback) {
    choice = { variant: variantForAdapter(report), how: 'adapter', key };
  } else {
    const timesMs: Partial<Record<MatmulVariant, number>> = {};
    for (const v of candidates) timesMs[v] = await timeVariant(k, v, shapes);
    const best = candidates.reduce((a, b) => (timesMs[b]! < timesMs[a]! ? b : a));
    choice = { variant: best, how: 'measured', key, timesMs };
  }
  await cache?.set(key, choice.variant);
  return choice;
}

/** Milliseconds of one forward and backward pass of `variant` over every shape (after a warm-up run). */
export async function timeVariant(k: PipelineCache, variant: MatmulVariant, shapes: readonly MatmulDims[]): Promise<number> {
  const device = k.device;
  const buffers: GPUBuffer[] = [];
  const zeros = (n: number, label: string) => {
    const b = createStorageBuffer(device, n * 4, `select-${label}`);
    buffers.push(b);
    return b;
  };
  try {
    const ds: Dispatch[] = [];
    for (const { BT, C, OC } of shapes) {
      const [inp, weight, bias, out] = [zeros(BT * C, 'inp'), zeros(OC * C, 'weight'), zeros(OC, 'bias'), zeros(BT * OC, 'out')];
      const [dinp, dweight, dbias] = [zeros(BT * C, 'dinp'), zeros(OC * C, 'dweight'), zeros(OC, 'dbias')];
      ds.push(await matmul_forward(k, out, inp, weight, bias, BT, C, OC, variant));
      ds.push(...(await matmul_backward(k, dinp, dweight, dbias, out, inp, weight, BT, C, OC, variant)));
    }
    submitDispatches(device, ds, `select-${variant}-warmup`);
    await device.queue.onSubmittedWorkDone();
    const t0 = performance.now();
    submitDispatches(device, ds, `select-${variant}`);
    await device.queue.onSubmittedWorkDone();
    return performance.now() - t0;
  } finally {
    for (const b of buffers) b.destroy();
  }
}
