/**
 * Runs selftest.wgsl on a device and compares it with the same arithmetic on the CPU.
 * Returns the largest absolute difference; the caller decides what passes.
 */
import code from './selftest.wgsl?raw';
import { createCheckedComputePipeline, createCheckedShaderModule } from './shader.ts';
import { createStorageBuffer, createUniformBuffer, readBuffer } from './buffers.ts';

/** CPU reference of the self-test kernel. */
export function axpbRef(y: Float32Array, x: Float32Array, a: number, b: number): void {
  for (let i = 0; i < x.length; i++) y[i] = Math.fround(Math.fround(a * x[i]) + b);
}

export interface SelfTestResult {
  n: number;
  maxAbsDiff: number;
  ms: number;
}

export async function runSelfTest(device: GPUDevice, n = 1000, a = 1.5, b = -0.25): Promise<SelfTestResult> {
  const t0 = performance.now();
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.sin(i * 0.37) * 3;
  const module = await createCheckedShaderModule(device, code, 'selftest.wgsl');
  const pipeline = await createCheckedComputePipeline(device, module, 'axpb', 'selftest-axpb');
  const params = new ArrayBuffer(16);
  new Uint32Array(params, 0, 1)[0] = n;
  new Float32Array(params, 4, 2).set([a, b]);
  const ubuf = createUniformBuffer(device, new Uint8Array(params), 'selftest-params');
  const xbuf = createStorageBuffer(device, x, 'selftest-x');
  const ybuf = createStorageBuffer(device, n * 4, 'selftest-y');
  const bind = device.createBindGroup({
    label: 'selftest-bind',
    layout: pipeline.getBindGroupLayout(0),
    entries: [ubuf, xbuf, ybuf].map((buffer, binding) => ({ binding, resource: { buffer } })),
  });
  const enc = device.createCommandEncoder({ label: 'selftest' });
  const pass = enc.beginComputePass({ label: 'selftest' });
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bind);
  pass.dispatchWorkgroups(Math.ceil(n / 64));
  pass.end();
  device.queue.submit([enc.finish()]);
  const got = new Float32Array(await readBuffer(device, ybuf, n * 4));
  const want = new Float32Array(n);
  axpbRef(want, x, a, b);
  let maxAbsDiff = 0;
  for (let i = 0; i < n; i++) maxAbsDiff = Math.max(maxAbsDiff, Math.abs(got[i] - want[i]));
  for (const buf of [ubuf, xbuf, ybuf]) buf.destroy();
  return { n, maxAbsDiff, ms: performance.now() - t0 };
}
