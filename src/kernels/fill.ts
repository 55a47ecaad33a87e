/**
 * Fill and scale kernel descriptors (fill.wgsl), plus what the kernels of this folder share on
 * the TypeScript side: `grid1d` and `gridRows` (workgroup counts) and `RowVariant` with `rowKernel` (one
 * thread, or one workgroup per row). Same names and argument order as fill.ref.ts.
 */
import type { PipelineCache, ShaderSource } from '../gpu/pipelines.ts';
import { type Bindable, type Dispatch, cdiv, makeDispatch, packUniforms } from '../gpu/compute.ts';
import { kernelSource, withSubgroupReductions } from './sources.ts';
import code from './fill.wgsl?raw';

export const FILL = kernelSource('fill.wgsl', code);

/** Threads per workgroup of the 1-D kernels (WG in common.wgsl). */
export const WG = 64;
/** The most workgroups one dispatch dimension may have (WebGPU's default limit). */
export const MAX_WG = 65535;

/**
 * Most workgroups a grid-stride kernel launches (65,536 threads). SwiftShader pays a fixed cost per
 * workgroup: filling 800k floats took ~40 ms with 12,500 workgroups and ~11 ms with 1,024 (2-core
 * machine). 65k threads still keep a real GPU's memory system busy, each looping a few times.
 */
export const GRID_CAP = 1024;

/** Workgroups for a grid-stride loop over `n` items: one thread each up to GRID_CAP workgroups, then loops. */
export function grid1d(n: number): [number] {
  return [Math.max(1, Math.min(cdiv(n, WG), GRID_CAP))];
}

/**
 * How a row-wise kernel (softmax-like reductions over a row) is spread over threads:
 * 'thread' — one thread per row, no shared memory: fastest on SwiftShader (workgroups run one after
 * another there and each barrier costs microseconds); 'workgroup' — one workgroup per row with
 * coalesced reads and shared-memory tree reductions (reduce.wgsl): what real GPUs reward for long
 * rows; 'subgroup' — the same entry points with the reductions done by subgroup operations
 * (reduce_subgroup.wgsl), on devices with the 'subgroups' feature.
 */
export type RowVariant = 'thread' | 'workgroup' | 'subgroup';

/** The shader, entry point, dispatch label and workgroup count of row kernel `entry` of `src` in `variant`. */
export function rowKernel(src: ShaderSource, entry: string, rows: number, variant: RowVariant): { source: ShaderSource; entry: string; label: string; grid: [number] } {
  if (variant === 'thread') return { source: src, entry, label: entry, grid: grid1d(rows) };
  const sub = variant === 'subgroup';
  return { source: sub ? withSubgroupReductions(src) : src, entry: `${entry}_wg`, label: `${entry}_${sub ? 'sg' : 'wg'}`, grid: gridRows(rows) };
}

/** Workgroups for a kernel that gives each of `rows` rows one workgroup (grid-stride over rows beyond the limit). */
export function gridRows(rows: number): [number] {
  return [Math.max(1, Math.min(rows, MAX_WG))];
}

/** out = value; out: (N). With value 0 this is the zero-grad step. */
export async function fill(k: PipelineCache, out: Bindable, value: number, N: number): Promise<Dispatch> {
  const pipeline = await k.pipeline(FILL, 'fill');
  return makeDispatch(k.device, 'fill', pipeline, [out], grid1d(N), packUniforms([{ u: N }, { f: value }]));
}

/** out *= value, in place; out: (N) */
export async function scale(k: PipelineCache, out: Bindable, value: number, N: number): Promise<Dispatch> {
  const pipeline = await k.pipeline(FILL, 'scale');
  return makeDispatch(k.device, 'scale', pipeline, [out], grid1d(N), packUniforms([{ u: N }, { f: value }]));
}
