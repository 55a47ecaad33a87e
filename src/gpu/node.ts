/**
 * WebGPU in Node through the `webgpu` package (Dawn): for the GPU tests, the benchmarks and the
 * command-line trainer. Browser code never imports this file.
 *
 * The object returned by `create()` must stay reachable for the whole process: if it is
 * garbage-collected Dawn crashes or hangs, so it is kept in a module-level variable.
 * On a machine without a GPU the process must be started with the environment from
 * scripts/gpu-env.mjs (SwiftShader's Vulkan driver), which the test runner and `npm run lab` do.
 */
import { create, globals } from 'webgpu';
import { requestLabDevice, type DeviceCallbacks, type LabDevice } from './device.ts';
import { spinningWaits } from './pace.ts';

let dawn: GPU | undefined;

/** The process-wide Dawn GPU object (created once, never released). */
export function nodeGPU(): GPU {
  if (!dawn) {
    Object.assign(globalThis, globals);
    dawn = create([]) as GPU;
  }
  return dawn;
}

/** Requests the lab's device from Dawn, with the same features and limits as in the browser; its waits are paced (pace.ts). */
export async function requestNodeDevice(callbacks?: DeviceCallbacks): Promise<LabDevice> {
  const lab = await requestLabDevice(nodeGPU(), callbacks);
  spinningWaits.add(lab.device); // Dawn-in-Node polls while a GPU promise is pending: see pace.ts
  return lab;
}
