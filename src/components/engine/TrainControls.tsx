/**
 * Start, pause, resume, reset and evaluate the run, how long the draft's run takes on this GPU
 * (StartEstimate), and what it is doing: status, step, tokens
 * seen, tokens per second, ms per step and the time left; data loading progress; the engine's
 * notices (a replaced device) and the training error, shown next to the buttons.
 */
import { evaluateRun, pauseRun, resetRun, resumeRun, startRun, draftRefused } from '../../store/commands.ts';
import { useLab } from '../../store/index.ts';
import { formatCount, formatDuration } from './format.ts';
import { useCommand } from './useCommand.ts';
import { StartEstimate } from '../measure/StartEstimate.tsx';
import { CorpusProgress } from './CorpusProgress.tsx';
import './engine.css';

const STATUS: Record<string, string> = {
  idle: 'No run yet', loading: 'Preparing the model…', training: 'Training', paused: 'Paused', done: 'Finished',
  diverged: 'Stopped: the loss diverged', recovering: 'Recovering from a lost GPU device…',
};

function Button({ cmd, testId }: { cmd: Parameters<typeof useCommand<void>>[0]; testId: string }) {
  const [enabled, perform] = useCommand(cmd);
  return <button type="button" disabled={!enabled} onClick={() => perform()} data-testid={testId}>{cmd.label}</button>;
}

export function TrainControls() {
  const run = useLab((s) => s.run);
  const last = useLab((s) => s.lastMetric);
  const data = useLab((s) => s.data);
  const error = useLab((s) => s.engineErrors.train);
  const notices = useLab((s) => s.notices);
  const refused = useLab((s) => draftRefused(s));
  const draft = useLab((s) => s.draft);
  const steps = run.settings?.steps ?? 0;
  const eta = last && run.status === 'training' ? ((steps - run.step) * last.msPerStep) / 1000 : NaN;
  return (
    <section className="card" aria-labelledby="train-title" data-testid="train-controls">
      <h2 id="train-title">Train</h2>
      <div className="buttons">
        <Button cmd={startRun} testId="start" />
        <Button cmd={pauseRun} testId="pause" />
        <Button cmd={resumeRun} testId="resume" />
        <Button cmd={evaluateRun} testId="evaluate" />
        <Button cmd={resetRun} testId="reset" />
      </div>
      <StartEstimate recipe={{ preset: draft.preset, steps: draft.steps, batch: draft.batch }} />
      {refused && <p className="error" role="alert" data-testid="preset-refused">{refused}</p>}
      {error && <p className="error" role="alert" data-testid="train-error">{error}</p>}
      {notices.length > 0 && (
        <ul className="notices" data-testid="engine-notices" aria-live="polite">
          {notices.map((n, i) => <li key={i}>{n}</li>)}
        </ul>
      )}
      <CorpusProgress />
      <dl className="kv" aria-live="polite">
        <dt>Status</dt>
        <dd data-testid="run-status" data-status={run.status}>{STATUS[run.status]}</dd>
        <dt>Step</dt>
        <dd data-testid="run-step" data-step={run.step}>{run.step.toLocaleString('en-US')}{steps ? ` of ${steps.toLocaleString('en-US')}` : ''}</dd>
        <dt>Tokens seen</dt>
        <dd data-testid="run-tokens">{formatCount(run.tokens)}</dd>
        <dt>Speed</dt>
        <dd data-testid="run-speed">{last ? `${formatCount(last.tokensPerSec)} tokens/s, ${last.msPerStep.toFixed(0)} ms per step` : '–'}</dd>
        <dt>Learning rate</dt>
        <dd data-testid="run-lr">{last ? last.lr.toExponential(2) : '–'}</dd>
        <dt>Time left</dt>
        <dd data-testid="run-eta">{formatDuration(eta)}</dd>
        <dt>Last training loss</dt>
        <dd data-testid="run-loss">{last ? `${last.loss.toFixed(3)} nats` : '–'}</dd>
        {data.state === 'ready' && (
          <>
            <dt>Corpus</dt>
            <dd>{formatCount(data.trainTokens)} training and {formatCount(data.valTokens)} validation tokens</dd>
          </>
        )}
      </dl>
    </section>
  );
}
