/**
 * The classroom's windows: the projector (ShowWindow: the step's view in large type, controls
 * hidden unless `controls=1`), the presenter (PresenterWindow: notes, what to point at, the next
 * step, a timer, the controls, the share code and the projector's status) and a student's device
 * (the projector's layout on its own). The page gives each the demo context and the moves.
 */
import { useEffect, useState } from 'react';
import { CLASSROOM_SCRIPT } from '../../lessons/classroom/script.ts';
import { useLab } from '../../store/index.ts';
import { formatDuration } from '../engine/format.ts';
import type { DemoContext } from './context.ts';
import { Controls } from './Controls.tsx';
import { useMeasureOnce } from './estimate.ts';
import { useOffline } from './offline.ts';
import { OfflineLine } from './Overview.tsx';
import { ShareCard } from './ShareCard.tsx';
import { StepView } from './views/StepView.tsx';
import './classroom.css';

const COUNT = CLASSROOM_SCRIPT.length;

/** The projector's one-line status of the engine, sent to the presenter. */
export function useShowStatus(): string {
  return useLab((s) => {
    if (s.gpu.state === 'unavailable') return 'No WebGPU on the projector: live steps show the shipped records only.';
    if (s.gpu.state !== 'ready') return 'The projector is starting its GPU…';
    const r = s.run;
    if (r.status === 'idle') return 'Nothing training.';
    return `${r.settings?.task?.kind ?? 'pretrain'} run ${r.status}: step ${r.step.toLocaleString('en-US')} of ${(r.settings?.steps ?? 0).toLocaleString('en-US')}${s.lastMetric ? `, loss ${s.lastMetric.loss.toFixed(2)}` : ''}`;
  });
}

export function ShowWindow({ ctx, onMove }: { ctx: DemoContext; onMove(delta: number): void }) {
  const step = CLASSROOM_SCRIPT[ctx.deck.step];
  const gpu = useLab((s) => s.gpu.state);
  useOffline(false);
  useMeasureOnce(ctx.size, ctx.runs && (ctx.role === 'show' || ctx.flags.controls));
  return (
    <div className="classroom-show" data-testid="demo-show" data-step={ctx.deck.step + 1} data-step-id={step.id}>
      {ctx.flags.text && <h1 data-testid="demo-title">{step.title}</h1>}
      {step.needsGpu && gpu === 'unavailable' && ctx.flags.text && <p className="small muted">This step needs WebGPU to run live.</p>}
      <div className="demo-stage"><StepView step={step} ctx={ctx} /></div>
      {ctx.flags.controls && <Controls step={step} ctx={ctx} onMove={onMove} />}
      {ctx.flags.text && <p className="demo-count" aria-label="Step">{ctx.deck.step + 1} / {COUNT}</p>}
    </div>
  );
}

function Timer({ planned }: { planned: number }) {
  const [start, setStart] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  return (
    <p className="timer" data-testid="demo-timer">
      <strong>{formatDuration((now - start) / 1000)}</strong> of about {planned} minutes{' '}
      <button type="button" onClick={() => setStart(Date.now())}>Restart timer</button>
    </p>
  );
}

export function PresenterWindow({ ctx, onMove, status }: { ctx: DemoContext; onMove(delta: number): void; status: string }) {
  const step = CLASSROOM_SCRIPT[ctx.deck.step];
  const next = CLASSROOM_SCRIPT[ctx.deck.step + 1];
  const planned = CLASSROOM_SCRIPT.reduce((n, s) => n + s.minutes, 0);
  const gpu = useLab((s) => s.gpu.state);
  const notLive = CLASSROOM_SCRIPT.filter((s) => s.needsGpu);
  const offline = useOffline();
  return (
    <div className="classroom-present" data-testid="demo-present" data-step={ctx.deck.step + 1} data-step-id={step.id}>
      <div className="notes">
        <p className="small muted">Step {ctx.deck.step + 1} of {COUNT} · about {step.minutes} min · in the lab: <a href={`#/${step.page}`} target="_blank" rel="noreferrer">{step.page}</a></p>
        <h1 data-testid="present-title">{step.title}</h1>
        <Controls step={step} ctx={ctx} onMove={onMove} />
        <p><strong>Point at:</strong> {step.pointAt}</p>
        <ul data-testid="present-talk">{step.talk.map((t) => <li key={t}>{t}</li>)}</ul>
        {step.commands.length > 0 && <p className="small muted">Runs: {step.commands.join(', ')}</p>}
        <p className="status" role="status" data-testid="present-status">Projector: {status || 'no projector window open yet (open the projector view).'}</p>
        {gpu === 'unavailable' && (
          <p role="note" data-testid="present-not-live">Without WebGPU these steps cannot be shown live: {notLive.map((s) => s.title).join(', ')}.</p>
        )}
      </div>
      <aside>
        <Timer planned={planned} />
        <OfflineLine st={offline} />
        <p data-testid="present-next"><strong>Next:</strong> {next ? next.title : 'the end'}</p>
        <ShareCard step={ctx.deck.step} size={200} />
      </aside>
    </div>
  );
}
