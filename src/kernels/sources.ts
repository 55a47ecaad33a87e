/**
 * The WGSL sources of the kernels, each composed as [common.wgsl, X.wgsl], or [common.wgsl,
 * reduce.wgsl, X.wgsl] for the kernels whose "workgroup" variant reduces a row. Imported with `?raw`
 * so error messages, the editor and the engine all see the exact file text.
 */
import type { ShaderSource, WgslFile } from '../gpu/pipelines.ts';
import common from './common.wgsl?raw';
import reduce from './reduce.wgsl?raw';
import reduceSubgroup from './reduce_subgroup.wgsl?raw';

export const COMMON: WgslFile = { name: 'common.wgsl', code: common };
export const REDUCE: WgslFile = { name: 'reduce.wgsl', code: reduce };
const REDUCE_SUBGROUP: WgslFile = { name: 'reduce_subgroup.wgsl', code: reduceSubgroup };
/** An enable directive must come before every declaration, so it is the composed shader's first file. */
const ENABLE_SUBGROUPS: WgslFile = { name: 'enable-subgroups', code: 'enable subgroups;' };

/** A kernel's shader source, with the shared helpers in front (and the row reductions when `reduces`). */
export function kernelSource(name: string, code: string, reduces = false): ShaderSource {
  return { label: name, files: [COMMON, ...(reduces ? [REDUCE] : []), { name, code }] };
}

const subgroupSources = new WeakMap<ShaderSource, ShaderSource>();

/**
 * The same kernel with its row reductions done by subgroup operations (reduce_subgroup.wgsl), for
 * a device with the 'subgroups' feature. One object per source, so the pipeline cache sees it once.
 */
export function withSubgroupReductions(src: ShaderSource): ShaderSource {
  let s = subgroupSources.get(src);
  if (!s) {
    if (!src.files.includes(REDUCE)) throw new Error(`${src.label} has no row reductions to run on subgroups`);
    s = { label: `${src.label} (subgroups)`, files: [ENABLE_SUBGROUPS, ...src.files.map((f) => (f === REDUCE ? REDUCE_SUBGROUP : f))] };
    subgroupSources.set(src, s);
  }
  return s;
}
