import { beforeEach, describe, expect, it } from 'vitest';
import type { KernelCheckReport, KernelInfo, ToWorker } from '../worker/protocol.ts';
import type { EngineLink } from './bridge.ts';
import { useLab } from './index.ts';
import { checkKernel, checkStateOf, compileKernel, editKernel, resetKernel, restoreKernel, selectKernelText, swapKernel, timeKernel } from './kernelLab.ts';
import { KERNEL_EDITS_KEY, loadKernelEdits, reduceKernelLab, saveKernelEdits } from './kernelLabSlice.ts';
import { memoryStorage } from './persist.ts';
import { applyWorkerEvent } from './bridge.ts';

const KERNEL: KernelInfo = {
  file: 'residual.wgsl', title: 'Residual add', summary: '', code: 'shipped', includes: [], ref: { name: 'residual.ref.ts', code: '' },
  signature: '', inTraining: true, checkShape: 'N = 399',
};
const report = (ok: boolean): KernelCheckReport => ({ file: 'residual.wgsl', ok, shape: 'N = 399', tensors: [], ms: 1 });

function recorder(): EngineLink & { sent: ToWorker[] } {
  const sent: ToWorker[] = [];
  return { sent, send: (m) => void sent.push(m) };
}

const ready = { state: 'ready', report: {} as never, selfTestMaxDiff: 0, selfTestMs: 0 } as const;

describe('kernel lab commands and state', () => {
  beforeEach(() => {
    useLab.setState({ gpu: ready, kernels: [KERNEL], kernelEdits: {}, kernelFiles: {}, kernelRequests: {}, kernelSwapped: [], kernelSwaps: [] });
  });

  it('a Check answer lands under its file with the text it checked; the swap then says whether that text passed', () => {
    const link = recorder();
    const t = { file: 'residual.wgsl', code: 'edited' };
    expect(checkKernel.predicate(useLab.getState(), t)).toBe(true);
    checkKernel.perform(link, useLab.getState(), t);
    const sent = link.sent[0];
    expect(sent).toMatchObject({ type: 'kernel-check', file: 'residual.wgsl', code: 'edited' });
    // busy: no second Check or Time of the file meanwhile
    expect(checkKernel.predicate(useLab.getState(), t)).toBe(false);
    expect(timeKernel.predicate(useLab.getState(), t)).toBe(false);
    applyWorkerEvent({ type: 'kernel-checked', requestId: (sent as { requestId: number }).requestId, report: report(false) });
    const s = useLab.getState();
    expect(s.kernelFiles['residual.wgsl'].check?.code).toBe('edited');
    expect(s.kernelFiles['residual.wgsl'].busy).toBeUndefined();
    expect(checkStateOf(s, t)).toBe('failed');
    expect(checkStateOf(s, { ...t, code: 'edited again' })).toBe('unchecked');

    // swapping needs a live run, and carries the check state of the text swapped
    expect(swapKernel.predicate(s, t)).toBe(false);
    useLab.setState({ run: { status: 'training', settings: null, step: 3, tokens: 100 } });
    expect(swapKernel.predicate(useLab.getState(), t)).toBe(true);
    swapKernel.perform(link, useLab.getState(), t);
    expect(link.sent[1]).toEqual({ type: 'kernel-swap', file: 'residual.wgsl', code: 'edited', checked: 'failed' });
  });

  it('swaps become chart marks and restore is offered only for a swapped file; a new run clears the marks', () => {
    const t = { file: 'residual.wgsl', code: 'edited' };
    expect(restoreKernel.predicate(useLab.getState(), t)).toBe(false);
    applyWorkerEvent({ type: 'kernel-swapped', swap: { file: 'residual.wgsl', action: 'swap', checked: 'passed', step: 7, tokens: 896 }, swapped: ['residual.wgsl'] });
    expect(useLab.getState().kernelSwaps).toHaveLength(1);
    expect(restoreKernel.predicate(useLab.getState(), t)).toBe(true);
    // a swap with no live run changes what runs later but marks no chart
    applyWorkerEvent({ type: 'kernel-swapped', swap: { file: 'gelu.wgsl', action: 'swap', checked: 'passed', step: null, tokens: null }, swapped: ['residual.wgsl', 'gelu.wgsl'] });
    expect(useLab.getState().kernelSwaps).toHaveLength(1);
    applyWorkerEvent({ type: 'history', metrics: [], evals: [] });
    expect(useLab.getState().kernelSwaps).toEqual([]);
    expect(useLab.getState().kernelSwapped).toEqual(['residual.wgsl', 'gelu.wgsl']);
  });

  it('an older compile answer never replaces a newer one, and a failed Check frees its file', () => {
    const link = recorder();
    compileKernel({ file: 'residual.wgsl', code: 'a' }, link);
    compileKernel({ file: 'residual.wgsl', code: 'ab' }, link);
    const [first, second] = link.sent.map((m) => (m as { requestId: number }).requestId);
    const msg = (requestId: number, line: number) => ({ type: 'kernel-compiled' as const, requestId, file: 'residual.wgsl', messages: [{ type: 'error' as const, message: 'x', file: 'residual.wgsl', line, column: 1, length: 1 }] });
    applyWorkerEvent(msg(second, 2));
    applyWorkerEvent(msg(first, 1));
    expect(useLab.getState().kernelFiles['residual.wgsl'].messages).toMatchObject({ code: 'ab', list: [{ line: 2 }] });

    timeKernel.perform(link, useLab.getState(), { file: 'residual.wgsl', code: 'ab' });
    const id = (link.sent[2] as { requestId: number }).requestId;
    expect(useLab.getState().kernelFiles['residual.wgsl'].busy).toBe('time');
    applyWorkerEvent({ type: 'error', scope: 'kernel', message: 'no GPU', requestId: id });
    expect(useLab.getState().kernelFiles['residual.wgsl'].busy).toBeUndefined();
    expect(useLab.getState().engineErrors.kernel).toBe('no GPU');
  });

  it('keeps edits that differ from the shipped text, and reset brings the shipped text back', () => {
    editKernel('residual.wgsl', 'mine');
    expect(selectKernelText('residual.wgsl')(useLab.getState())).toBe('mine');
    editKernel('residual.wgsl', 'shipped');
    expect(useLab.getState().kernelEdits).toEqual({});
    editKernel('residual.wgsl', 'mine');
    resetKernel('residual.wgsl');
    expect(selectKernelText('residual.wgsl')(useLab.getState())).toBe('shipped');
  });

  it('saves edits as JSON and reads back only string values', () => {
    const store = memoryStorage();
    saveKernelEdits({ 'gelu.wgsl': 'x' }, store);
    expect(loadKernelEdits(store)).toEqual({ 'gelu.wgsl': 'x' });
    store.setItem(KERNEL_EDITS_KEY, JSON.stringify({ 'gelu.wgsl': 3, 'softmax.wgsl': 'y' }));
    expect(loadKernelEdits(store)).toEqual({ 'softmax.wgsl': 'y' });
    saveKernelEdits({}, store);
    expect(store.data.has(KERNEL_EDITS_KEY)).toBe(false);
    expect(reduceKernelLab(useLab.getState(), { type: 'kernel-checked', requestId: 12345, report: report(true) })).toEqual({});
  });
});
