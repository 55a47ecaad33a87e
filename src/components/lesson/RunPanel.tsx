/**
 * A lesson's training panel: the model size and run fields (PresetPicker), the ways to start
 * (from scratch, or continue from a checkpoint the page offers), the start/pause/resume/reset
 * controls (TrainControls), the progress strip and the live loss chart. Presentation over the
 * store; which checkpoints to offer is the page's choice, passed in as props.
 */
import { loadRun } from '../../store/commands.ts';
import { useLab } from '../../store/index.ts';
import { PresetPicker } from '../engine/PresetPicker.tsx';
import { TrainControls } from '../engine/TrainControls.tsx';
import { useCommand } from '../engine/useCommand.ts';
import { LossChart } from './LossChart.tsx';
import { RunProgress, useRunProgress } from './RunProgress.tsx';
import './lesson.css';

/** A checkpoint the learner may continue from, or why it cannot be offered. */
export interface StartOption {
  /** slot id for 'start' fromSlot; undefined when unavailable */
  slotId?: string;
  label: string;
  /** a sentence under the button (what it is, or why it is not there) */
  note: string;
  testId: string;
}

export interface RunPanelProps {
  /** vocabulary size for the ln(V) line */
  vocabSize: number;
  /** checkpoints to continue from, beside "Train from scratch" */
  startOptions: StartOption[];
}

export function RunPanel({ vocabSize, startOptions }: RunPanelProps) {
  const status = useLab((s) => s.run.status);
  const metrics = useLab((s) => s.metrics);
  const evals = useLab((s) => s.evals);
  const progress = useRunProgress();
  const [canLoad, load] = useCommand(loadRun);
  const busy = status === 'training' || status === 'loading' || status === 'recovering';
  return (
    <div className="run-panel">
      <section className="card" aria-labelledby="run-size-title">
        <h3 id="run-size-title">Model and run</h3>
        <PresetPicker disabled={busy} />
        {startOptions.length > 0 && (
          <div className="start-options">
            <p className="small muted">Or start from a trained model (its size and settings come with it; the steps above still count):</p>
            {startOptions.map((o) => (
              <p key={o.testId}>
                <button type="button" disabled={!o.slotId || !canLoad} onClick={() => o.slotId && load(o.slotId)} data-testid={o.testId}>{o.label}</button>{' '}
                <span className="small muted" data-testid={`${o.testId}-note`}>{o.note}</span>
              </p>
            ))}
          </div>
        )}
      </section>
      <TrainControls />
      <section className="card" aria-labelledby="run-chart-title">
        <h3 id="run-chart-title">Loss as it trains</h3>
        <RunProgress {...progress} />
        <LossChart metrics={metrics} evals={evals} choices={vocabSize} />
      </section>
    </div>
  );
}
