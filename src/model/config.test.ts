import { describe, expect, it } from 'vitest';
import { PRESETS, parameterCount, presetDoesNotFit, validateConfig } from './config.ts';

const byId = (id: string) => PRESETS.find((p) => p.id === id)!;

describe('GPTConfig presets', () => {
  it('counts parameters like GPT-2 (124M config gives 124,439,808 with tied embeddings)', () => {
    expect(parameterCount({ nLayer: 12, nHead: 12, nEmbd: 768, blockSize: 1024, vocabSize: 50257, dropout: 0 })).toBe(124_439_808);
  });
  it('has a ~1M small preset and several-M larger ones', () => {
    expect(parameterCount(byId('small').config)).toBeGreaterThan(0.8e6);
    expect(parameterCount(byId('small').config)).toBeLessThan(1.2e6);
    expect(parameterCount(byId('medium').config)).toBeGreaterThan(4e6);
    expect(parameterCount(byId('large').config)).toBeGreaterThan(parameterCount(byId('medium').config));
    for (const p of PRESETS) expect(() => validateConfig(p.config)).not.toThrow();
  });
  it('refuses a preset the limits cannot hold, naming the limit and the shortfall', () => {
    const msg = presetDoesNotFit(byId('large'), { maxStorageBufferBindingSize: 16 * 2 ** 20, maxBufferSize: 2 ** 30 });
    expect(msg).toMatch(/maxStorageBufferBindingSize is 16\.0 MiB \(\d+\.\d MiB short\)/);
    expect(presetDoesNotFit(byId('test'), { maxStorageBufferBindingSize: 128 * 2 ** 20, maxBufferSize: 2 ** 30 })).toBeNull();
  });
  it('rejects a width that heads do not divide', () => {
    expect(() => validateConfig({ ...byId('small').config, nHead: 3 })).toThrow(/nEmbd \(128\) must be divisible by nHead \(3\)/);
  });
});
