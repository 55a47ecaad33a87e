// Runs once before the GPU tests: finds an adapter for Dawn (real GPU first, then SwiftShader)
// and puts its environment into process.env, which the forked test workers inherit.
// If none is found, LAB_GPU_MISSING carries the reason and every GPU test fails with it.
import { findGpuEnv } from '../scripts/gpu-env.mjs';

export default function setup(): void {
  const found = findGpuEnv();
  if ('error' in found) {
    process.env.LAB_GPU_MISSING = found.error;
    console.error(`[gpu tests] ${found.error}`);
    return;
  }
  Object.assign(process.env, found.env);
  console.log(`[gpu tests] running WGSL on: ${found.label}`);
}
