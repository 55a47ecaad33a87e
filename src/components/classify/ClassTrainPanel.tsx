/**
 * Lesson 2's training panel: start a classification run from the chosen checkpoint, pause,
 * resume and reset it, its progress, and live charts of the loss (against ln 2, a coin toss
 * between the two classes) and of training / validation accuracy. The engine's current run is
 * shown only when it is a lesson-2 run; another kind of run is named instead of drawn.
 */
import { pauseRun, resetRun, resumeRun } from '../../store/commands.ts';
import { useLab } from '../../store/index.ts';
import { useCommand } from '../engine/useCommand.ts';
import { LossChart } from '../lesson/LossChart.tsx';
import { RunProgress, useRunProgress } from '../lesson/RunProgress.tsx';
import { AccuracyChart } from './AccuracyChart.tsx';
import { CHOICE_LABEL, READ_AT_LABEL } from './format.ts';
import type { ClassifyTask } from './setup.ts';
import { StartEstimate } from '../measure/StartEstimate.tsx';
import type { RecipeSize } from '../../store/api.ts';
import './classify.css';

const STATUS: Record<string, string> = {
  idle: 'No run yet', loading: 'Loading the base model and the messages…', training: 'Training', paused: 'Paused', done: 'Finished',
  diverged: 'Stopped: the loss diverged', recovering: 'Recovering from a lost GPU device…',
};

export interface ClassTrainPanelProps {
  /** the current run's classify task, or null when the engine's run is something else (or none) */
  task: ClassifyTask | null;
  canStart: boolean;
  whyNotStart?: string;
  /** the run Start would train (model size of the start model, steps, batch), for its time on this GPU */
  recipe?: RecipeSize;
  onStart(): void;
  /** what another kind of current run is, to say why it is not drawn here */
  otherRun?: string;
  /** set when a saved lesson-2 run can be brought back as the current run */
  onRestore?: () => void;
  restoreLabel?: string;
}

function Button({ cmd, testId }: { cmd: Parameters<typeof useCommand<void>>[0]; testId: string }) {
  const [enabled, perform] = useCommand(cmd);
  return <button type="button" disabled={!enabled} onClick={() => perform()} data-testid={testId}>{cmd.label}</button>;
}

export function ClassTrainPanel({ task, canStart, whyNotStart, recipe, onStart, otherRun, onRestore, restoreLabel }: ClassTrainPanelProps) {
  const run = useLab((s) => s.run);
  const metrics = useLab((s) => s.metrics);
  const evals = useLab((s) => s.evals);
  const error = useLab((s) => s.engineErrors.train);
  const progress = useRunProgress();
  const mine = task !== null;
  return (
    <div className="class-train" data-testid="class-train">
      <div className="buttons">
        <button type="button" disabled={!canStart} onClick={onStart} data-testid="class-start-run">Train the classifier</button>
        {!mine && onRestore && <button type="button" className="secondary" onClick={onRestore} data-testid="class-restore">{restoreLabel ?? 'Bring back my last classifier run'}</button>}
        {mine && (
          <>
            <Button cmd={pauseRun} testId="class-pause" />
            <Button cmd={resumeRun} testId="class-resume" />
            <Button cmd={resetRun} testId="class-reset" />
          </>
        )}
      </div>
      {recipe && <StartEstimate recipe={recipe} testId="class-start-estimate" />}
      {!canStart && whyNotStart && <p className="muted small" data-testid="class-why-not">{whyNotStart}</p>}
      {error && <p className="error" role="alert" data-testid="class-train-error">{error}</p>}
      {!mine && otherRun && <p className="muted small" data-testid="class-other-run">{otherRun}</p>}
      {mine && (
        <>
          <p>
            <span data-testid="class-run-status" data-status={run.status}>{STATUS[run.status]}</span>
            {' · '}{CHOICE_LABEL[task.choice]}{task.choice === 'lora' ? ` (r=${task.loraRank})` : ''}, class read at the {READ_AT_LABEL[task.readAt]}
            {run.params && <> · <span data-testid="class-run-params" data-trainable={run.params.trainable} data-total={run.params.total}>{run.params.trainable.toLocaleString('en-US')} of {run.params.total.toLocaleString('en-US')} parameters train</span></>}
          </p>
          <RunProgress {...progress} testId="class-progress" />
          <LossChart metrics={metrics} evals={evals} choices={2} perplexity={false} referenceLabel="coin toss: ln 2" testId="class-loss-chart"
            caption={<>Cross-entropy of the label in nats, per message. A head that says 50/50 every time scores ln 2 ≈ 0.69, the dashed line; a confident right answer scores near 0.</>} />
          <AccuracyChart evals={evals} />
        </>
      )}
    </div>
  );
}
