import { describe, expect, it } from 'vitest';
import type { AdapterReport } from '../gpu/info.ts';
import type { PipelineCache } from '../gpu/pipelines.ts';
import { MemoryVariantCache, choiceKey, selectMatmulVariant, variantForAdapter } from './variants.ts';

const report = (o: Partial<AdapterReport>): AdapterReport => ({
  vendor: 'google',
  architecture: 'swiftshader',
  device: '',
  description: 'SwiftShader driver',
  isFallback: true,
  name: 'google swiftshader (software)',
  features: [],
  limits: {},
  ...o,
});
const shapes = [
  { BT: 1024, C: 128, OC: 384 },
  { BT: 1024, C: 128, OC: 128 },
];
// Selection paths that must not touch the GPU: a pipeline cache that throws if used.
const noGpu = new Proxy({}, { get: () => { throw new Error('the GPU was used'); } }) as PipelineCache;

describe('matmul variant selection', () => {
  it('picks register blocking on software adapters and shared-memory tiles on real GPUs', () => {
    expect(variantForAdapter(report({}))).toBe('blocked8_vec4');
    expect(variantForAdapter(report({ vendor: 'nvidia', architecture: 'ampere', isFallback: false }))).toBe('tiled');
  });

  it('keys the cache by adapter and by the set of shapes, not their order', () => {
    const a = report({});
    expect(choiceKey(a, shapes)).toBe(choiceKey(a, [...shapes].reverse()));
    expect(choiceKey(a, shapes)).not.toBe(choiceKey(a, shapes.slice(1)));
    expect(choiceKey(a, shapes)).not.toBe(choiceKey(report({ description: 'another driver' }), shapes));
  });

  it('chooses from the adapter on SwiftShader without measuring, caches it, then reads the cache', async () => {
    const cache = new MemoryVariantCache();
    const first = await selectMatmulVariant(noGpu, report({}), shapes, { cache });
    expect(first).toMatchObject({ variant: 'blocked8_vec4', how: 'adapter' });
    expect(cache.entries.get(first.key)).toBe('blocked8_vec4');
    cache.set(first.key, 'tiled'); // a stored choice wins over the adapter rule
    expect(await selectMatmulVariant(noGpu, report({}), shapes, { cache })).toMatchObject({ variant: 'tiled', how: 'cached' });
  });

  it('ignores a cached value that is not a variant', async () => {
    const cache = new MemoryVariantCache();
    cache.set(choiceKey(report({}), shapes), 'warp-speed');
    expect(await selectMatmulVariant(noGpu, report({}), shapes, { cache })).toMatchObject({ variant: 'blocked8_vec4', how: 'adapter' });
  });
});
