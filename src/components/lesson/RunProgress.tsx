/**
 * A one-line strip of how far a run has got: step of steps (with a bar), tokens seen, tokens per
 * second and the time left to the chosen number of steps. RunProgress takes plain props so any
 * lesson can feed it; useRunProgress reads the current engine run from the store.
 */
import { useLab } from '../../store/index.ts';
import type { RunStatus } from '../../store/trainingSlice.ts';
import { formatCount, formatDuration } from '../engine/format.ts';
import './lesson.css';

export interface RunProgressProps {
  status: RunStatus;
  step: number;
  /** the number of steps the run was asked for (0 when there is no run) */
  steps: number;
  tokens: number;
  /** from the latest read-back; undefined before the first */
  tokensPerSec?: number;
  msPerStep?: number;
  testId?: string;
}

/** Seconds left to `steps` at `msPerStep`, or NaN when not training or unknown. */
export function etaSeconds(p: Pick<RunProgressProps, 'status' | 'step' | 'steps' | 'msPerStep'>): number {
  if (p.status !== 'training' || p.msPerStep === undefined || !(p.steps > 0)) return NaN;
  return (Math.max(0, p.steps - p.step) * p.msPerStep) / 1000;
}

export function RunProgress(p: RunProgressProps) {
  const id = p.testId ?? 'run-progress';
  return (
    <div className="run-progress" role="group" aria-label="Run progress" data-testid={id} data-status={p.status} data-step={p.step} data-steps={p.steps}>
      <span>
        <span className="label">Step</span>
        <span data-testid={`${id}-step`}>{p.step.toLocaleString('en-US')} / {p.steps.toLocaleString('en-US')}</span>{' '}
        <progress max={Math.max(1, p.steps)} value={Math.min(p.step, p.steps)} aria-label="Steps done" />
      </span>
      <span><span className="label">Tokens seen</span><span data-testid={`${id}-tokens`}>{formatCount(p.tokens)}</span></span>
      <span><span className="label">Speed</span><span data-testid={`${id}-speed`}>{p.tokensPerSec === undefined ? '–' : `${formatCount(p.tokensPerSec)} tokens/s`}</span></span>
      <span><span className="label">Time left</span><span data-testid={`${id}-eta`}>{formatDuration(etaSeconds(p))}</span></span>
    </div>
  );
}

/** RunProgress props for the engine's current run. */
export function useRunProgress(): RunProgressProps {
  const run = useLab((s) => s.run);
  const last = useLab((s) => s.lastMetric);
  return {
    status: run.status, step: run.step, steps: run.settings?.steps ?? 0, tokens: run.tokens,
    tokensPerSec: last?.tokensPerSec, msPerStep: last?.msPerStep,
  };
}
