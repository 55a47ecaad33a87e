import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../store/persist.ts';
import type { SampleStream } from '../../store/requestsSlice.ts';
import type { RunStatus } from '../../store/trainingSlice.ts';
import { TimelineController, type TimelineInput, type TimelineView } from './timelineController.ts';

function setup() {
  const asked: { id: number; temperature: number; topK: number; seed: number }[] = [];
  const forgotten: number[] = [];
  const views: TimelineView[] = [];
  let id = 100;
  const storage = memoryStorage();
  const ctl = new TimelineController(
    { storageKey: 'tl', prompt: 'The', maxTokens: 8, seed: 7 },
    { every: 10, temperature: 0.8, topK: 40 },
    { sample: (r) => (asked.push({ id: ++id, temperature: r.temperature, topK: r.topK, seed: r.seed }), id), forget: (i) => void forgotten.push(i) },
    (v) => views.push(v),
    'idle',
    storage,
  );
  const samples: Record<number, SampleStream> = {};
  const state = (status: RunStatus, step: number): TimelineInput => ({ gpu: { state: 'ready' }, run: { status, settings: null, step, tokens: 0 }, samples });
  const finish = (reqId: number, text: string, error?: string) => {
    samples[reqId] = { requestId: reqId, prompt: 'The', model: 'run', running: false, error, tokens: [...text].map((c, i) => ({ id: i, text: c, prob: 1, top: [] })) };
  };
  return { ctl, asked, forgotten, views, samples, state, finish, storage };
}

describe('TimelineController', () => {
  it('asks at once, one at a time, records each sample with the steps it spans, and saves them', () => {
    const t = setup();
    t.ctl.update(t.state('loading', 0));
    t.ctl.update(t.state('training', 0));
    expect(t.asked.map((a) => a.id)).toEqual([101]);
    expect(t.ctl.view().pending).toBe(true);
    // still running: no second request however far the run gets
    t.samples[101] = { requestId: 101, prompt: 'The', model: 'run', running: true, tokens: [] };
    t.ctl.update(t.state('training', 25));
    expect(t.asked).toHaveLength(1);
    t.finish(101, ' cat');
    t.ctl.update(t.state('training', 27));
    expect(t.forgotten).toEqual([101]);
    expect(t.ctl.view().entries).toEqual([{ step: 0, endStep: 27, text: ' cat', temperature: 0.8, topK: 40 }]);
    // 27 is past the multiple 20 > 0: the next one goes out at once, then none until 30
    expect(t.asked.map((a) => a.id)).toEqual([101, 102]);
    t.finish(102, ' sat');
    t.ctl.update(t.state('training', 29));
    expect(t.asked).toHaveLength(2);
    t.ctl.setKnobs({ every: 10, temperature: 0, topK: 5 });
    t.ctl.update(t.state('training', 30));
    expect(t.asked[2]).toMatchObject({ temperature: 0, topK: 5, seed: 7 });
    expect(JSON.parse(t.storage.getItem('tl')!)).toHaveLength(2);
  });

  it('a failed sample shows its error and stops asking until the run changes state; a new run clears the list', () => {
    const t = setup();
    t.ctl.update(t.state('training', 0));
    t.finish(101, '', 'there is no model to sample from');
    t.ctl.update(t.state('training', 12));
    expect(t.ctl.view().error).toContain('no model');
    t.ctl.update(t.state('training', 40));
    expect(t.asked).toHaveLength(1);
    t.ctl.update(t.state('paused', 40));
    t.ctl.update(t.state('training', 40));
    expect(t.asked).toHaveLength(2);
    t.finish(102, 'ok');
    t.ctl.update(t.state('training', 41));
    expect(t.ctl.view().entries).toHaveLength(1);
    t.ctl.update(t.state('paused', 41));
    t.ctl.update(t.state('loading', 0));
    expect(t.ctl.view().entries).toEqual([]);
    expect(t.views.at(-1)!.entries).toEqual([]);
  });

  it('nothing is asked without a GPU or while the run is not training', () => {
    const t = setup();
    t.ctl.update({ ...t.state('training', 5), gpu: { state: 'probing' } });
    t.ctl.update(t.state('paused', 5));
    t.ctl.update(t.state('done', 5));
    expect(t.asked).toEqual([]);
  });
});
