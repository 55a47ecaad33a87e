/**
 * The prompted baseline: the base model, with no head and no training, asked whether each test
 * message is spam; its accuracy sits near the 50% of a coin toss on the balanced set, which is why
 * the lesson trains a head. Presentation only: the page asks the engine and passes the report in.
 */
import type { ClassReport } from '../../store/api.ts';
import { ClassReportView } from './ClassReportView.tsx';
import './classify.css';

export interface BaselinePanelProps {
  /** which base model is asked (shown in the button) */
  modelName: string;
  enabled: boolean;
  whyDisabled?: string;
  report: ClassReport | null;
  /** items scored so far while the request runs */
  progress: { done: number; total: number } | null;
  error?: string;
  onRun(): void;
}

export function BaselinePanel({ modelName, enabled, whyDisabled, report, progress, error, onRun }: BaselinePanelProps) {
  return (
    <div className="baseline" data-testid="baseline">
      <p>
        <button type="button" disabled={!enabled || progress !== null} onClick={onRun} data-testid="baseline-run">
          Ask the base model about every test message
        </button>{' '}
        <span className="small muted">model: {modelName}</span>
        {!enabled && whyDisabled && <span className="muted small"> {whyDisabled}</span>}
      </p>
      {progress && (
        <p role="status" data-testid="baseline-progress">
          Asking… <progress max={Math.max(1, progress.total)} value={progress.done} /> {progress.done} of {progress.total} messages
        </p>
      )}
      {error && <p role="alert" className="error" data-testid="baseline-error">{error}</p>}
      {report && <ClassReportView report={report} testId="baseline-report" />}
    </div>
  );
}
