/**
 * A training step on the projector: before it starts, what it will train and the measured
 * estimate of its time on this GPU; while it runs, its progress and live loss chart; after "skip",
 * the shipped checkpoint made by the same recipe (or a plain sentence that this build ships none).
 * `children` draws what the step's model does (the writing, the spam verdict) above the chart.
 */
import type { ReactNode } from 'react';
import type { ClassroomStep } from '../../../lessons/classroom/script.ts';
import { useLab } from '../../../store/index.ts';
import { LossChart } from '../../lesson/LossChart.tsx';
import { RunProgress, useRunProgress } from '../../lesson/RunProgress.tsx';
import type { DemoContext } from '../context.ts';
import { StartEstimate } from '../../measure/StartEstimate.tsx';
import { runKind, useStepRunner } from '../runner.ts';
import { shippedFor } from '../shipped.ts';

const STAGE_WORDS = { pretrain: 'base model', classify: 'spam classifier' } as const;

/** What the step trains, and the store's estimate of its time on this GPU (the lessons' StartEstimate line). */
export function EstimateLine({ step, ctx }: { step: ClassroomStep; ctx: DemoContext }) {
  const r = step.train!.recipes[ctx.size];
  return (
    <p className="estimate" data-testid="step-plan">
      {r.steps.toLocaleString('en-US')} steps of {r.batch} on the {r.preset} model. <StartEstimate recipe={r} testId="step-estimate" />
    </p>
  );
}

/** The shipped result a skip shows: the manifest's entry, or why there is none. */
export function SkipResult({ step, ctx }: { step: ClassroomStep; ctx: DemoContext }) {
  const stage = step.train!.stage;
  if (!ctx.manifest) return <p role="status">Reading the list of shipped models…</p>;
  const e = shippedFor(ctx.manifest, stage, ctx.size);
  if (!e) {
    return (
      <p className="no-shipped" role="note" data-testid="skip-none">
        This build of the lab ships no trained {STAGE_WORDS[stage]} of the {ctx.size} size, so there is nothing to skip to: train it live, or move on.
      </p>
    );
  }
  return (
    <div className="skip-result" data-testid="skip-result" data-model={e.id}>
      <p><strong>{e.name}</strong>, trained earlier with the same recipe{e.steps ? ` (${e.steps.toLocaleString('en-US')} steps)` : ''}.</p>
      <p className="small">{e.description}</p>
    </div>
  );
}

export function TrainView({ step, ctx, children }: { step: ClassroomStep; ctx: DemoContext; children?: ReactNode }) {
  const mode = ctx.deck.modes[step.id] ?? 'idle';
  useStepRunner(step, mode, ctx.size, ctx.manifest, ctx.runs);
  const progress = useRunProgress();
  const metrics = useLab((s) => s.metrics);
  const evals = useLab((s) => s.evals);
  const mine = useLab((s) => runKind(s.run) === step.train!.kind);
  const error = useLab((s) => s.engineErrors.train);
  const choices = step.train!.kind === 'classify' ? 2 : 1024;
  return (
    <div className="train-view" data-testid="train-view" data-mode={mode}>
      <EstimateLine step={step} ctx={ctx} />
      {mode === 'skipped' && <SkipResult step={step} ctx={ctx} />}
      {children}
      {mode !== 'skipped' && mine && (
        <>
          <RunProgress {...progress} testId="demo-progress" />
          <LossChart
            metrics={metrics} evals={evals} choices={choices} width={900} height={step.train!.kind === 'classify' ? 250 : 300} testId="demo-loss" perplexity={false} referenceLabel="a blind guess"
            caption={`Lower is better. The dashed line is the loss of a blind guess among ${choices.toLocaleString('en-US')} answers.`}
          />
        </>
      )}
      {mode === 'idle' && !mine && <p className="muted">Not started: the teacher starts it live, or skips to the trained result.</p>}
      {error && <p role="alert" className="error">{error}</p>}
    </div>
  );
}
