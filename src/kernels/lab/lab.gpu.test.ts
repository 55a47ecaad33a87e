import { describe, expect, it } from 'vitest';
import { getHarness } from '../../../test/kernel-harness.ts';
import { PipelineCache } from '../../gpu/pipelines.ts';
import { LAB_KERNELS, labKernel } from './catalog.ts';
import { checkEdited, compileEdited, timeEdited } from './lab.ts';

const shipped = (file: string) => labKernel(file).source.files.at(-1)!.code;
/** The shipped text with the first occurrence of `from` replaced (throws when it is not there, so an edit to the kernel shows up here). */
const edit = (file: string, from: string, to: string) => {
  const code = shipped(file);
  if (!code.includes(from)) throw new Error(`${file} no longer contains ${JSON.stringify(from)}`);
  return code.replace(from, to);
};

describe('kernel lab on the GPU', () => {
  it('compiles the shipped files cleanly and maps a syntax error to its line and column in the edited file', async () => {
    const { device } = await getHarness();
    const code = shipped('softmax.wgsl');
    expect((await compileEdited(device, 'softmax.wgsl', code)).filter((m) => m.type === 'error')).toEqual([]);
    const lines = code.split('\n');
    const at = lines.findIndex((l) => l.startsWith('fn softmax_causal_forward'));
    lines[at] = `garbage ${lines[at]}`;
    const errors = (await compileEdited(device, 'softmax.wgsl', lines.join('\n'))).filter((m) => m.type === 'error');
    expect(errors.length).toBeGreaterThan(0);
    // common.wgsl comes first in the composed source: the line must be the edited file's own
    expect(errors[0]).toMatchObject({ file: 'softmax.wgsl', line: at + 1, column: 1 });
  });

  for (const k of LAB_KERNELS) {
    it(`Check passes on the shipped ${k.file}`, async () => {
      const { device } = await getHarness();
      const r = await checkEdited(device, k.file, shipped(k.file));
      expect(r.error).toBeUndefined();
      expect(r.mismatch).toBeUndefined();
      expect(r.ok).toBe(true);
      expect(r.tensors.length).toBeGreaterThan(1);
    });
  }

  it('Check catches = written for += in a backward pass, with the first coordinates', async () => {
    const { device } = await getHarness();
    const r = await checkEdited(device, 'residual.wgsl', edit('residual.wgsl', 'dinp1[i] += d;', 'dinp1[i] = d;'));
    expect(r.ok).toBe(false);
    expect(r.mismatch).toMatchObject({ tensor: 'dinp1', coords: [0], index: 0 });
    expect(r.tensors.map((t) => t.ok)).toEqual([true, false]);
  });

  it('Check catches softmax without the max subtraction (exp overflows at scores of 60)', async () => {
    const { device } = await getHarness();
    const code = edit('softmax.wgsl', 'let e = exp(att[a + t2] - maxv);', 'let e = exp(att[a + t2]);');
    const r = await checkEdited(device, 'softmax.wgsl', code);
    expect(r.ok).toBe(false);
    expect(r.mismatch?.tensor).toBe('att (thread)');
  });

  it('Check catches attention without the causal mask at the first score above the diagonal', async () => {
    const { device } = await getHarness();
    // the edit of the lesson's no-causal-mask exercise
    const code = shipped('attention.wgsl').split('t2 <= t').join('t2 < p.T').split('for (var t1 = t; t1 < p.T').join('for (var t1 = 0u; t1 < p.T');
    const r = await checkEdited(device, 'attention.wgsl', code);
    expect(r.error).toBeUndefined();
    expect(r.mismatch).toMatchObject({ tensor: 'att (thread)', coords: [0, 0, 0, 0] });
  });

  it('Check reports an edit that does not compile as an error, not a pass', async () => {
    const { device } = await getHarness();
    const r = await checkEdited(device, 'gelu.wgsl', `${shipped('gelu.wgsl')}\nfn broken( {`);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/gelu\.wgsl:\d+:\d+/);
  });

  it('Time runs the edited and shipped text and reports both', async () => {
    const { device } = await getHarness();
    const r = await timeEdited(device, 'residual.wgsl', shipped('residual.wgsl'), { B: 2, T: 16, C: 32, NH: 2 }, { matmul: 'blocked', rows: 'thread' }, 50);
    expect(r.runs).toBeGreaterThanOrEqual(2);
    expect(r.edited.ms).toBeGreaterThan(0);
    expect(r.shipped.rate).toBeGreaterThan(0);
    expect(r.unit).toBe('GB/s');
  });

  it('the pipeline cache runs an override and gives the shipped pipeline back on restore', async () => {
    const { device } = await getHarness();
    const cache = new PipelineCache(device);
    const src = labKernel('gelu.wgsl').source;
    const before = await cache.pipeline(src, 'gelu_forward');
    cache.setOverride('gelu.wgsl', `${shipped('gelu.wgsl')}\n// edited\n`);
    const swapped = await cache.pipeline(src, 'gelu_forward');
    expect(swapped).not.toBe(before);
    cache.setOverride('gelu.wgsl', null);
    expect(await cache.pipeline(src, 'gelu_forward')).toBe(before);
  });
});
