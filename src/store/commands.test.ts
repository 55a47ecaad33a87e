import { describe, expect, it } from 'vitest';
import { PRESETS, largestBufferBytes, trainingBytes, parameterCount } from '../model/config.ts';
import type { ToWorker } from '../worker/protocol.ts';
import type { EngineLink } from './bridge.ts';
import { COMMANDS, draftRefused, type CommandState } from './commands.ts';
import { presetRows } from './presets.ts';
import { DEFAULT_SAMPLE } from './samplingSlice.ts';
import { DEFAULT_DRAFT, IDLE_RUN } from './trainingSlice.ts';

const report = { vendor: 'v', architecture: 'a', device: '', description: '', isFallback: true, name: 'n', features: [], limits: { maxStorageBufferBindingSize: 128 * 2 ** 20, maxBufferSize: 256 * 2 ** 20 } };
const ready: CommandState = { gpu: { state: 'ready', report, selfTestMaxDiff: 0, selfTestMs: 1 }, run: IDLE_RUN, draft: DEFAULT_DRAFT, sampleDraft: DEFAULT_SAMPLE, sampleId: null, samples: {}, myMessages: [] };
const recorder = () => {
  const sent: ToWorker[] = [];
  const link: EngineLink = { send: (m) => void sent.push(m) };
  return { sent, link };
};
const can = (s: CommandState) => Object.values(COMMANDS).filter((c) => (c.predicate as (s: CommandState) => boolean)(s)).map((c) => c.id).sort();
const WORKSHOP = ['start', 'load', 'pause', 'resume', 'reset', 'evaluate', 'sample', 'save'];
/** the workshop's commands that are enabled */
const enabled = (s: CommandState) => can(s).filter((id) => WORKSHOP.includes(id));
/** the lessons' commands that are enabled */
const lessons = (s: CommandState) => can(s).filter((id) => !WORKSHOP.includes(id));

describe('engine commands as data', () => {
  it('offer what makes sense in each state', () => {
    expect(enabled({ ...ready, gpu: { state: 'probing' } })).toEqual([]);
    expect(enabled(ready)).toEqual(['load', 'start']);
    const training = { ...ready, run: { status: 'training' as const, settings: DEFAULT_DRAFT, step: 10, tokens: 1280 } };
    expect(enabled(training)).toEqual(['evaluate', 'pause', 'reset', 'sample', 'save']);
    const paused = { ...training, run: { ...training.run, status: 'paused' as const } };
    expect(enabled(paused)).toEqual(['evaluate', 'load', 'reset', 'resume', 'sample', 'save', 'start']);
    const finished = { ...paused, run: { ...paused.run, step: DEFAULT_DRAFT.steps } };
    expect(enabled(finished)).not.toContain('resume');
    const diverged = { ...paused, run: { ...paused.run, status: 'diverged' as const } };
    expect(enabled(diverged)).toEqual(['load', 'reset', 'sample', 'save', 'start']);
    const sampling = { ...paused, sampleId: 1, samples: { 1: { requestId: 1, prompt: '', model: 'run', tokens: [], running: true } } };
    expect(enabled(sampling)).not.toContain('sample');
  });

  it('offer the lessons\' commands when the GPU is ready, and no new run while one trains', () => {
    expect(lessons({ ...ready, gpu: { state: 'probing' } })).toEqual([]);
    const all = ['class-report', 'classify-text', 'restore', 'score-instruct', 'start-finetune', 'upload-dataset'];
    expect(lessons(ready)).toEqual(all);
    const training = { ...ready, run: { status: 'training' as const, settings: DEFAULT_DRAFT, step: 10, tokens: 1280 } };
    expect(lessons(training)).toEqual(['class-report', 'classify-text', 'score-instruct', 'upload-dataset']);
  });

  it('send a finetuning start with the draft, the overrides and the task', () => {
    const { sent, link } = recorder();
    const task = { kind: 'instruct' as const, maskPrompt: false, lora: true, loraRank: 4, dataset: 'instruct' as const };
    COMMANDS.startFinetune.perform(link, ready, { task, fromSlot: 'shipped:base-small', settings: { lr: 5e-4 } });
    COMMANDS.restoreRun.perform(link, ready, 'classify');
    COMMANDS.requestClassReport.perform(link, ready, { requestId: 5, model: 'run', split: 'validation' });
    expect(sent).toEqual([
      { type: 'start', fromSlot: 'shipped:base-small', settings: { ...DEFAULT_DRAFT, lr: 5e-4, task } },
      { type: 'restore', kind: 'classify' },
      { type: 'class-report', requestId: 5, model: 'run', split: 'validation' },
    ]);
  });

  it('send the draft settings and arguments to the engine', () => {
    const { sent, link } = recorder();
    COMMANDS.startRun.perform(link, ready);
    COMMANDS.loadRun.perform(link, ready, 'slot-1');
    COMMANDS.saveCheckpointAs.perform(link, ready, 'best so far');
    COMMANDS.sampleText.perform(link, { ...ready, sampleDraft: { ...DEFAULT_SAMPLE, prompt: 'Once' } });
    COMMANDS.sampleText.perform(link, ready);
    expect(sent[0]).toEqual({ type: 'start', settings: DEFAULT_DRAFT });
    expect(sent[1]).toEqual({ type: 'start', settings: DEFAULT_DRAFT, fromSlot: 'slot-1' });
    expect(sent[2]).toEqual({ type: 'ckpt-save', name: 'best so far' });
    expect(sent[3]).toMatchObject({ type: 'sample', prompt: 'Once', maxTokens: DEFAULT_SAMPLE.maxTokens });
    // each sample request gets its own id, so late tokens of an old one are told apart
    expect((sent[4] as { requestId: number }).requestId).toBeGreaterThan((sent[3] as { requestId: number }).requestId);
  });

  it('refuse a preset the GPU cannot hold, naming the limit', () => {
    const rows = presetRows(report.limits);
    expect(rows.map((r) => r.id)).toEqual(PRESETS.map((p) => p.id));
    for (const r of rows) {
      const p = PRESETS.find((q) => q.id === r.id)!;
      expect(r.params).toBe(parameterCount(p.config));
      expect(r.trainingBytes).toBe(trainingBytes(p.config, p.batchSize));
      expect(r.refused === null).toBe(largestBufferBytes(p.config, p.batchSize) <= 128 * 2 ** 20);
    }
    const tiny = { ...ready, gpu: { ...ready.gpu, report: { ...report, limits: { maxStorageBufferBindingSize: 2 ** 20, maxBufferSize: 2 ** 30 } } } } as CommandState;
    const small = { ...tiny, draft: { ...DEFAULT_DRAFT, preset: 'small' as const, batch: 16 } };
    expect(draftRefused(small)).toMatch(/maxStorageBufferBindingSize is 1\.0 MiB \(\d+\.\d MiB short\)/);
    expect(COMMANDS.startRun.predicate(small)).toBe(false);
    expect(draftRefused(ready)).toBeNull();
  });
});
