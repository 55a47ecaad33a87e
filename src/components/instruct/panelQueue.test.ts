// The side-by-side queue without rendering: one request at a time, both columns with the same
// sampling settings, a newer tuned refresh replacing an older one, end-of-text read as a stop.
import { describe, expect, it } from 'vitest';
import { PanelQueue, type PanelCells, type PanelRequest } from './panelQueue.ts';

const EOT = 1022;
const items = [
  { key: 'a', prompt: 'Define "x".', template: true },
  { key: 'b', prompt: 'Define "y".', template: true },
];
const sampling = { temperature: 0.5, topK: 40, topP: 0.95, seed: 7, maxTokens: 16 };

function setup() {
  const sent: PanelRequest[] = [];
  let cells: PanelCells | null = null;
  let ids = 1_000_000;
  const q = new PanelQueue(items, sampling, EOT, (r) => sent.push(r), (c) => (cells = c), () => ++ids);
  return { q, sent, cells: () => cells! };
}

describe('PanelQueue', () => {
  it('sends one request at a time, base then tuned, with identical sampling settings', () => {
    const { q, sent, cells } = setup();
    q.askBase('shipped:base-test');
    q.askTuned(10);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ type: 'sample', prompt: 'Define "x".', model: 'shipped:base-test', template: true, seed: 7, temperature: 0.5, maxTokens: 16 });
    q.onSample({ requestId: sent[0].requestId, tokens: [{ id: 5, text: ' a' }], running: true });
    expect(cells().base.a).toMatchObject({ text: ' a', state: 'running' });
    expect(sent).toHaveLength(1);
    q.onSample({ requestId: sent[0].requestId, tokens: [{ id: 5, text: ' a' }, { id: EOT, text: '' }], running: false });
    expect(cells().base.a).toMatchObject({ text: ' a', state: 'done', stopped: true });
    expect(sent).toHaveLength(2);
    q.onSample({ requestId: sent[1].requestId, tokens: [{ id: 9, text: 'zz' }], running: false });
    expect(cells().base.b).toMatchObject({ text: 'zz', state: 'done', stopped: false });
    expect(sent[2]).toMatchObject({ model: 'run', prompt: 'Define "x".' });
    const { requestId: _r1, model: _m1, ...rest1 } = sent[0];
    const { requestId: _r2, model: _m2, ...rest2 } = sent[2];
    expect(rest2).toEqual(rest1);
    expect(cells().tuned.a).toMatchObject({ state: 'running', step: 10 });
  });

  it('ignores events of other requests, and a newer refresh drops the older one still waiting', () => {
    const { q, sent, cells } = setup();
    q.askTuned(10);
    q.onSample({ requestId: sent[0].requestId + 999, tokens: [{ id: 1, text: 'no' }], running: false });
    expect(cells().tuned.a.state).toBe('running');
    q.askTuned(20);
    expect(q.pending).toBe(2); // the in-flight step-10 request finishes; both items wait at step 20
    q.onSample({ requestId: sent[0].requestId, tokens: [], running: false });
    // the step-10 answer lands, and at once the step-20 refresh asks the same instruction again
    expect(sent[1]).toMatchObject({ prompt: 'Define "x".', model: 'run' });
    expect(cells().tuned.a).toMatchObject({ state: 'running', step: 20 });
    q.onError();
    expect(cells().tuned.a).toMatchObject({ state: 'error', step: 20 });
    expect(sent[2]).toMatchObject({ prompt: 'Define "y".' });
  });
});
