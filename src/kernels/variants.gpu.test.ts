import { describe, expect, it } from 'vitest';
import { getHarness } from '../../test/kernel-harness.ts';
import { getTestDevice } from '../../test/gpu.ts';
import { MemoryVariantCache, selectMatmulVariant } from './variants.ts';

describe('matmul variant selection by measurement', () => {
  it('times every candidate on the adapter, keeps the fastest, and caches it', async () => {
    const h = await getHarness();
    const { report } = await getTestDevice();
    const cache = new MemoryVariantCache();
    const shapes = [{ BT: 64, C: 32, OC: 96 }];
    const choice = await selectMatmulVariant(h.cache, report, shapes, { cache, candidates: ['naive', 'blocked', 'blocked_vec4', 'tiled'], measureFallback: true });
    expect(choice.how).toBe('measured');
    const times = choice.timesMs!;
    for (const v of ['naive', 'blocked', 'blocked_vec4', 'tiled'] as const) expect(times[v]).toBeGreaterThan(0);
    expect(times[choice.variant]).toBe(Math.min(times.naive!, times.blocked!, times.blocked_vec4!, times.tiled!));
    expect(cache.entries.get(choice.key)).toBe(choice.variant);
    const again = await selectMatmulVariant(h.cache, report, shapes, { cache, measureFallback: true });
    expect(again).toMatchObject({ variant: choice.variant, how: 'cached' });
  });
});
