/**
 * A fixed prompt completed every N steps while the run trains, listed as step + text so the
 * learner sees noise turn into words. Sends ordinary 'sample' requests (same seed each time, so
 * only the model changes between lines), with temperature and top-k controls explained in a line
 * each. The sampler reads the live weights, so a sample taken while training spans a few steps,
 * and its line says which. Entries are saved per lesson and follow the run (see timeline.ts). Text only.
 */
import { useEffect, useState } from 'react';
import { forgetRequest, sampleFrom } from '../../store/api.ts';
import { useLab } from '../../store/index.ts';
import { TimelineController, type SampleLink, type TimelineView } from './timelineController.ts';
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

const LINK: SampleLink = { sample: (req) => sampleFrom('run', req), forget: forgetRequest };

export function SampleTimeline(props: SampleTimelineProps) {
  const run = useLab((s) => s.run);
  const gpuReady = useLab((s) => s.gpu.state === 'ready');
  const [every, setEvery] = useState(props.every);
  const [temperature, setTemperature] = useState(props.temperature);
  const [topK, setTopK] = useState(props.topK);
  const [view, setView] = useState<TimelineView | null>(null);
  const [ctl] = useState(() => new TimelineController(
    { storageKey: props.storageKey, prompt: props.prompt, maxTokens: props.maxTokens, seed: props.seed },
    { every: props.every, temperature: props.temperature, topK: props.topK },
    LINK, setView, useLab.getState().run.status,
  ));
  // The store is the outside system here: the controller follows every state of it.
  useEffect(() => useLab.subscribe((s) => ctl.update(s)), [ctl]);
  useEffect(() => ctl.setKnobs({ every, temperature, topK }), [ctl, every, temperature, topK]);
  const { entries, pending, error } = view ?? ctl.view();

  const canAsk = gpuReady && run.status !== 'idle' && run.status !== 'loading' && run.status !== 'recovering' && !pending;
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
        <button type="button" disabled={!canAsk} onClick={() => ctl.ask()} data-testid="timeline-now">Sample now</button>
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
              <span className="text"><strong>{props.prompt}</strong>{e.text.replace(/\n+/g, ' ↵ ')}</span>
              <span className="small muted"> (T {e.temperature}, top-k {e.topK})</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
