/**
 * A fixed prompt completed every N steps while the run trains, listed as step + text so the
 * learner sees noise turn into words. Sends ordinary 'sample' requests (same seed each time, so
 * only the model changes between lines), with temperature and top-k controls explained in a line
 * each. The sampler reads the live weights, so a sample taken while training spans a few steps,
 * and its line says which. Entries are saved per lesson and follow the run (see timeline.ts). Text only.
 */
import { useEffect, useRef, useState } from 'react';
import { workerLink } from '../../store/bridge.ts';
import { useLab } from '../../store/index.ts';
import { dueStep, entriesAfter, loadEntries, MAX_ENTRIES, saveEntries, type TimelineEntry } from './timeline.ts';
import './lesson.css';

export interface SampleTimelineProps {
  /** localStorage key of this lesson's timeline */
  storageKey: string;
  prompt: string;
  /** default cadence in steps (the learner can change it) */
  every: number;
  maxTokens: number;
  seed: number;
  temperature: number;
  topK: number;
}

// Far from the ids of src/store/commands.ts, so the two never answer each other's requests.
let nextId = 1_000_000;

export function SampleTimeline(props: SampleTimelineProps) {
  const run = useLab((s) => s.run);
  const gpuReady = useLab((s) => s.gpu.state === 'ready');
  const sample = useLab((s) => s.sample);
  const error = useLab((s) => s.engineErrors.sample);
  const [entries, setEntries] = useState<readonly TimelineEntry[]>(() => loadEntries(props.storageKey));
  const [every, setEvery] = useState(props.every);
  const [temperature, setTemperature] = useState(props.temperature);
  const [topK, setTopK] = useState(props.topK);
  const pending = useRef<{ id: number; step: number; temperature: number; topK: number } | null>(null);
  const prevStatus = useRef(run.status);

  // The run changed: clear or cut back the timeline (timeline.ts entriesAfter).
  useEffect(() => {
    const prev = prevStatus.current;
    prevStatus.current = run.status;
    setEntries((es) => entriesAfter(es, prev, run.status, run.step));
  }, [run.status, run.step]);

  useEffect(() => saveEntries(props.storageKey, entries), [props.storageKey, entries]);

  const ask = (step: number) => {
    const id = nextId++;
    pending.current = { id, step, temperature, topK };
    workerLink.send({ type: 'sample', requestId: id, prompt: props.prompt, temperature, topK, topP: 1, seed: props.seed, maxTokens: props.maxTokens });
  };

  // A sample is due: ask for it (one at a time; training goes on meanwhile).
  useEffect(() => {
    if (!gpuReady || run.status !== 'training' || pending.current || sample?.running) return;
    const due = dueStep(run.step, every, entries);
    if (due !== null) ask(due);
  });

  // Our request finished: record it. Another request replacing ours means ours is gone.
  useEffect(() => {
    const p = pending.current;
    if (!p || !sample) return;
    if (sample.requestId !== p.id) {
      pending.current = null;
      return;
    }
    if (sample.running) return;
    pending.current = null;
    const text = sample.tokens.map((t) => t.text).join('');
    const endStep = useLab.getState().run.step;
    if (sample.tokens.length > 0) setEntries((es) => [...es, { step: p.step, endStep, text, temperature: p.temperature, topK: p.topK }].slice(-MAX_ENTRIES));
  }, [sample]);

  const canAsk = gpuReady && run.status !== 'idle' && run.status !== 'loading' && run.status !== 'recovering' && !sample?.running;
  return (
    <div className="sample-timeline" data-testid="timeline" data-count={entries.length}>
      <div className="run-fields">
        <label className="field">
          Every{' '}
          <input type="number" min={1} max={10000} step={1} value={every} data-testid="timeline-every"
            onChange={(e) => { const v = e.currentTarget.valueAsNumber; if (Number.isInteger(v) && v >= 1) setEvery(v); }} /> steps
        </label>
        <label className="field">
          Temperature{' '}
          <input type="number" min={0} max={5} step={0.1} value={temperature} data-testid="timeline-temperature"
            onChange={(e) => { const v = e.currentTarget.valueAsNumber; if (v >= 0 && v <= 5) setTemperature(v); }} />
        </label>
        <label className="field">
          Top-k{' '}
          <input type="number" min={0} max={100000} step={1} value={topK} data-testid="timeline-topk"
            onChange={(e) => { const v = e.currentTarget.valueAsNumber; if (Number.isInteger(v) && v >= 0) setTopK(v); }} />
        </label>
        <button type="button" disabled={!canAsk} onClick={() => ask(run.step)} data-testid="timeline-now">Sample now</button>
      </div>
      <ul className="small muted">
        <li><strong>Temperature</strong>: below 1 the favourite tokens win more often (0 always picks the top one); above 1 surprises get likelier.</li>
        <li><strong>Top-k</strong>: draw only from the k likeliest tokens, so the long tail of unlikely ones is cut off (0 = no cut).</li>
      </ul>
      {error && <p className="error" role="alert" data-testid="timeline-error">{error}</p>}
      {entries.length === 0 ? (
        <p className="muted">No samples yet: they appear here once the run trains, the first one at once. While training, a sample shares the GPU with it and can take a few seconds.</p>
      ) : (
        <ol className="timeline" aria-label={`Completions of "${props.prompt}"`} data-testid="timeline-list">
          {[...entries].reverse().map((e, i) => (
            <li key={entries.length - i} data-step={e.step}>
              <span className="at">{e.endStep !== undefined && e.endStep > e.step ? `steps ${e.step.toLocaleString('en-US')}–${e.endStep.toLocaleString('en-US')}` : `step ${e.step.toLocaleString('en-US')}`}</span>
              <span className="text"><strong>{props.prompt}</strong>{e.text}</span>
              <span className="small muted"> (T {e.temperature}, top-k {e.topK})</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
