import { describe, expect, it } from 'vitest';
import { getTestDevice } from '../../test/gpu.ts';
import { runSelfTest } from './selftest.ts';
import { createCheckedShaderModule, ShaderCompileError } from './shader.ts';

describe('device self-test (real WGSL on Dawn)', () => {
  it('computes a*x+b like the CPU for a size that is not a multiple of the workgroup', async () => {
    const { device, report } = await getTestDevice();
    console.log(`adapter: ${report.name}`);
    const r = await runSelfTest(device, 1001, 1.5, -0.25);
    expect(r.n).toBe(1001);
    expect(r.maxAbsDiff).toBeLessThanOrEqual(1e-6);
  });

  it('reports a WGSL compile error with file, line and the offending source line', async () => {
    const { device } = await getTestDevice();
    const bad = '@compute @workgroup_size(1)\nfn main() {\n  let x: f32 = undefined_thing;\n}\n';
    const err = await createCheckedShaderModule(device, bad, 'bad.wgsl').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShaderCompileError);
    expect(String((err as Error).message)).toMatch(/bad\.wgsl:3:\d+: error: .*undefined_thing[\s\S]*let x: f32 = undefined_thing;/);
  });

  it('gets the adapter\'s larger limits, not the defaults', async () => {
    const { adapter, device } = await getTestDevice();
    expect(device.limits.maxStorageBufferBindingSize).toBe(adapter.limits.maxStorageBufferBindingSize);
    expect(device.limits.maxComputeWorkgroupStorageSize).toBe(adapter.limits.maxComputeWorkgroupStorageSize);
  });
});
