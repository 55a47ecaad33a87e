import { beforeEach, describe, expect, it } from 'vitest';
import { classifyText, nextRequestId, requestClassReport, resetKind, restoreRun, sampleFrom, scoreInstruct, selectSample, setApiLink, startFinetune, uploadDataset } from './api.ts';
import { applyWorkerEvent, workerLink, type EngineLink } from './bridge.ts';
import { useLab } from './index.ts';
import { DEFAULT_MY_MODELS, myModel, parseMyModels } from './myModelsSlice.ts';
import { MAX_REQUESTS, putCapped } from './requestsSlice.ts';
import type { ClassReport, SlotInfo, ToWorker } from '../worker/protocol.ts';

const token = (id: number) => ({ id, text: `t${id}`, prob: 0.5, top: [] });
const report: ClassReport = { split: 'test', classes: ['ham', 'spam'], n: 4, accuracy: 0.75, confusion: [[2, 0], [1, 1]], perClass: [{ precision: 2 / 3, recall: 1 }, { precision: 1, recall: 0.5 }], trainableParams: 66, totalParams: 1000, seconds: 3 };

describe('requests by id in the store', () => {
  beforeEach(() => useLab.setState({ samples: {}, sampleId: null, classReports: {}, classProbs: {}, progress: {}, requestErrors: {}, instructScores: {}, uploads: {} }));

  it('streams two samples at once, each under its own id, and the workshop sample follows the latest', () => {
    // no worker in Node: the link registers the streams, then the worker's events fill them
    const a = 101;
    const b = 102;
    for (const requestId of [a, b]) workerLink.send({ type: 'sample', requestId, prompt: 'p', temperature: 0, topK: 0, topP: 1, seed: 1, maxTokens: 3, model: 'shipped:base-small' });
    useLab.setState((s) => ({ samples: { ...s.samples, [a]: { ...s.samples[a], running: true, error: undefined }, [b]: { ...s.samples[b], running: true, error: undefined } } }));
    applyWorkerEvent({ type: 'sample-token', requestId: a, token: token(1) });
    applyWorkerEvent({ type: 'sample-token', requestId: b, token: token(2) });
    applyWorkerEvent({ type: 'sample-token', requestId: a, token: token(3) });
    applyWorkerEvent({ type: 'sample-done', requestId: a });
    const s = useLab.getState();
    expect(s.samples[a].tokens.map((t) => t.id)).toEqual([1, 3]);
    expect(s.samples[a].running).toBe(false);
    expect(s.samples[b].tokens.map((t) => t.id)).toEqual([2]);
    expect(s.samples[b].running).toBe(true);
    expect(s.samples[b].model).toBe('shipped:base-small');
    // an error with b's id stops b only
    applyWorkerEvent({ type: 'error', scope: 'sample', message: 'boom', requestId: b });
    expect(selectSample(b)(useLab.getState())).toMatchObject({ running: false, error: 'boom' });
    expect(useLab.getState().requestErrors[b]).toBe('boom');
    expect(useLab.getState().samples[a].error).toBeUndefined();
  });

  it('keeps reports, probabilities, scores and progress by id', () => {
    applyWorkerEvent({ type: 'class-report', requestId: 0, model: 'run', report });
    applyWorkerEvent({ type: 'class-report', requestId: 7, model: 'shipped:base-small', report: { ...report, trainableParams: null } });
    applyWorkerEvent({ type: 'class-probs', requestId: 8, text: 'hi', classes: ['ham', 'spam'], probs: [0.9, 0.1] });
    applyWorkerEvent({ type: 'progress', requestId: 9, done: 3, total: 10, what: 'answering instructions' });
    applyWorkerEvent({ type: 'instruct-scores', requestId: 9, model: 'run', scores: { n: 2, formatAdherence: 0.5, families: [{ family: 'define', correct: 1, total: 2 }] } as never });
    applyWorkerEvent({ type: 'dataset-ready', kind: 'classify', name: 'mine.csv', counts: { train: 8, val: 1, test: 1 } });
    const s = useLab.getState();
    expect(s.classReports[0].report.accuracy).toBe(0.75);
    expect(s.classReports[7].report.trainableParams).toBeNull();
    expect(s.classProbs[8].probs).toEqual([0.9, 0.1]);
    expect(s.progress[9]).toEqual({ done: 3, total: 10, what: 'answering instructions' });
    expect(s.instructScores[9].scores.formatAdherence).toBe(0.5);
    expect(s.uploads.classify).toEqual({ name: 'mine.csv', counts: { train: 8, val: 1, test: 1 } });
    s.forgetRequest(9);
    expect(useLab.getState().progress[9]).toBeUndefined();
    expect(useLab.getState().instructScores[9]).toBeUndefined();
  });

  it('caps what it keeps, dropping the oldest ids', () => {
    let rec: Record<number, number> = {};
    for (let i = 1; i <= MAX_REQUESTS + 5; i++) rec = putCapped(rec, i, i);
    expect(Object.keys(rec)).toHaveLength(MAX_REQUESTS);
    expect(rec[5]).toBeUndefined();
    expect(rec[6]).toBe(6);
    expect(rec[1]).toBeUndefined();
    expect(rec[MAX_REQUESTS + 5]).toBe(MAX_REQUESTS + 5);
  });

  it('the API sends one message per call, with a fresh id for each request', () => {
    const sent: ToWorker[] = [];
    const rec: EngineLink = { send: (m) => void sent.push(m) };
    setApiLink(rec);
    useLab.setState({ draft: { preset: 'test', steps: 30, lr: 1e-3, seed: 4, batch: 4 } });
    startFinetune({ task: { kind: 'classify', choice: 'head', loraRank: 8, readAt: 'last', dataset: 'spam' }, fromSlot: 'shipped:base-test', settings: { steps: 50 } });
    restoreRun('instruct');
    resetKind('classify');
    uploadDataset('classify', 'mine.csv', 'spam,x');
    const ids = [classifyText('run', 'hello'), requestClassReport('shipped:base-test', 'test', 20), scoreInstruct('shipped:instruct-test', { limit: 10, maxTokens: 20, seed: 1 }), sampleFrom('run', { prompt: 'a', temperature: 0, topK: 0, topP: 1, seed: 1, maxTokens: 2, template: true })];
    expect(new Set(ids).size).toBe(4);
    expect(nextRequestId()).toBeGreaterThan(Math.max(...ids));
    expect(sent[0]).toEqual({ type: 'start', fromSlot: 'shipped:base-test', settings: { preset: 'test', steps: 50, lr: 1e-3, seed: 4, batch: 4, task: { kind: 'classify', choice: 'head', loraRank: 8, readAt: 'last', dataset: 'spam', mine: [] } } });
    expect(sent[2]).toEqual({ type: 'reset', kind: 'classify' });
    expect(sent.slice(1).map((m) => m.type)).toEqual(['restore', 'reset', 'dataset-upload', 'classify-text', 'class-report', 'score-instruct', 'sample']);
    expect(sent[5]).toMatchObject({ requestId: ids[1], model: 'shipped:base-test', split: 'test', limit: 20 });
    expect(sent[7]).toMatchObject({ requestId: ids[3], model: 'run', template: true });
    setApiLink(workerLink);
  });
});

describe('my models', () => {
  const slot = (id: string): SlotInfo => ({ id, name: id, savedAt: 1, bytes: 1, step: 1, preset: 'test', auto: false });

  it('defaults to the shipped base and instruct models and falls back when a choice is gone', () => {
    const slots = [slot('shipped:base-small'), slot('shipped:instruct-small'), slot('ck-1')];
    const s = { myModels: { ...DEFAULT_MY_MODELS, base: 'ck-1', classifier: 'ck-gone' }, slots };
    expect(myModel(s, 'base')).toBe('ck-1');
    expect(myModel(s, 'classifier')).toBeNull();
    expect(myModel(s, 'instruct')).toBe('shipped:instruct-small');
    expect(myModel({ ...s, slots: [slot('ck-1')] }, 'instruct')).toBeNull();
    // before the first list arrives, the choice stands
    expect(myModel({ ...s, slots: [] }, 'classifier')).toBe('ck-gone');
  });

  it('parses a saved value field by field and changes a role through the slice', () => {
    expect(parseMyModels({ base: 'ck-2', classifier: 7, instruct: null })).toEqual({ base: 'ck-2', classifier: null, instruct: null });
    expect(parseMyModels('x')).toBeUndefined();
    useLab.getState().setMyModel('classifier', 'ck-9');
    expect(useLab.getState().myModels.classifier).toBe('ck-9');
    useLab.getState().setMyModel('classifier', null);
    expect(useLab.getState().myModels).toEqual(DEFAULT_MY_MODELS);
  });
});
