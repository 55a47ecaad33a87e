/**
 * The WGSL sources of the kernels, each composed as [common.wgsl, X.wgsl]. Imported with `?raw`
 * so error messages, the editor and the engine all see the exact file text.
 */
import type { ShaderSource, WgslFile } from '../gpu/pipelines.ts';
import common from './common.wgsl?raw';

export const COMMON: WgslFile = { name: 'common.wgsl', code: common };

/** A kernel's shader source, with the shared helpers in front. */
export function kernelSource(name: string, code: string): ShaderSource {
  return { label: name, files: [COMMON, { name, code }] };
}
