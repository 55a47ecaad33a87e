import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { layoutArena } from '../gpu/arena.ts';
import { PRESETS, type GPTConfig } from '../model/config.ts';
import { initParams, unflatten } from '../model/flat.ts';
import { gptParamSpecs } from '../model/params.ts';
import { saveCheckpoint, type Checkpoint } from '../train/checkpoint.ts';
import type { Tokenizer } from '../train/tokenizer.ts';
import { loadTokenizer } from '../train/tokenizer-json.ts';
import { trainBPE } from '../train/tokenizer-train.ts';
import { memorySlots } from './slots.ts';
import { checkUpload, slotFor } from './upload.ts';

const lab = loadTokenizer(readFileSync('public/models/tokenizer.json', 'utf8'));

function checkpoint(tok: Tokenizer, config: GPTConfig): Checkpoint {
  const layout = layoutArena('init', gptParamSpecs(config), 4);
  const views = unflatten(layout, initParams(layout, 3));
  return { config, tokenizer: tok, weights: new Map(layout.tensors.map((t) => [t.name, { shape: [...t.shape], data: views[t.name] }])), info: { steps: 7 } };
}

const testConfig = { ...PRESETS[0].config, vocabSize: lab.vocabSize };

describe('checking an uploaded checkpoint', () => {
  it('accepts a lab checkpoint of the lab tokenizer', () => {
    const ck = checkUpload(saveCheckpoint(checkpoint(lab, testConfig)), 'mine.safetensors', lab);
    expect(ck.config).toEqual(testConfig);
    expect(ck.weights.get('wte.weight')?.shape).toEqual([lab.vocabSize, 32]);
  });

  it('refuses bytes that are not a checkpoint, naming the file', () => {
    expect(() => checkUpload(new TextEncoder().encode('hello, not safetensors'), 'notes.safetensors', lab)).toThrow(/^notes\.safetensors: /);
  });

  it('refuses a checkpoint trained with another tokenizer', () => {
    const other = trainBPE('the cat sat on the mat. '.repeat(20), { vocabSize: 300 });
    const bytes = saveCheckpoint(checkpoint(other, { ...testConfig, vocabSize: other.vocabSize }));
    expect(() => checkUpload(bytes, 'other.safetensors', lab)).toThrow(`other.safetensors: its tokenizer has ${other.vocabSize} tokens, the lab's has 1024`);
  });

  it('describes a slot with the preset the config matches and a unique id', () => {
    const ck = checkpoint(lab, testConfig);
    const a = slotFor('  run A ', 1234, ck, 'custom', 5);
    const b = slotFor('', 1234, ck, 'custom', 5);
    expect(a).toMatchObject({ name: 'run A', bytes: 1234, step: 7, preset: 'test', auto: false, savedAt: 5 });
    expect(b.name).toBe('checkpoint');
    expect(a.id).not.toBe(b.id);
    expect(slotFor('x', 1, checkpoint(lab, { ...testConfig, nLayer: 3 }), 'custom').preset).toBe('custom');
  });
});

describe('memorySlots', () => {
  it('lists newest first, keeps its own copy of the bytes, replaces by id and deletes', async () => {
    const s = memorySlots();
    const bytes = Uint8Array.of(1, 2, 3);
    const info = (id: string, savedAt: number) => ({ id, name: id, savedAt, bytes: 3, step: 0, preset: 'test', auto: false });
    await s.put(info('old', 1), bytes);
    await s.put(info('new', 2), bytes);
    bytes[0] = 9;
    expect((await s.list()).map((x) => x.id)).toEqual(['new', 'old']);
    expect([...(await s.get('old'))!.bytes]).toEqual([1, 2, 3]);
    await s.put({ ...info('old', 3), name: 'renamed' }, Uint8Array.of(4));
    expect((await s.list()).map((x) => x.name)).toEqual(['renamed', 'new']);
    await s.delete('new');
    expect(await s.get('new')).toBeUndefined();
    expect(await s.list()).toHaveLength(1);
  });
});
