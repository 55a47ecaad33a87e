/**
 * Lesson 2's second test: the finished classifier's accuracy on the corpus's test split beside the
 * everyday messages written for the lab (and the learner's own), the sentence that names the gap
 * (domain shift), the bag-of-words yardstick on both splits, and the learner's own messages with a
 * way to remove each. Presentation only: the page passes the reports in and handles the requests.
 * Every message is rendered as text.
 */
import type { ShortcutSide } from '../../data/types.ts';
import type { ClassReport, MyMessage } from '../../store/api.ts';
import { ClassReportView } from './ClassReportView.tsx';
import { domainShiftText, pct } from './format.ts';
import './classify.css';

export interface EverydayPanelProps {
  test: ClassReport | null;
  everyday: ClassReport | null;
  /** the everyday report is being made (a re-score after the learner's list changed) */
  pending: boolean;
  error?: string;
  /** the bag-of-words yardstick on both splits, after the source cleaning (null while loading) */
  yardstick: ShortcutSide | null;
  /** the everyday messages written for the lab (null: not known until a report arrives) */
  shipped: number | null;
  mine: readonly MyMessage[];
  onRemove(index: number): void;
}

const recall = (r: ClassReport, cls: string) => pct(r.perClass[r.classes.indexOf(cls)]?.recall ?? NaN);

/** Both splits in one table: the learner's classifier and the bag-of-words yardstick, accuracy and each class's recall. */
function SideBySide({ test, everyday, yardstick }: { test: ClassReport; everyday: ClassReport; yardstick: ShortcutSide | null }) {
  return (
    <table className="report" data-testid="split-compare">
      <caption>Accuracy on each split</caption>
      <thead>
        <tr><th scope="col" /><th scope="col">corpus test split</th><th scope="col">everyday messages</th></tr>
      </thead>
      <tbody>
        <tr><th scope="row">your classifier</th><td>{pct(test.accuracy)} <span className="muted small">({test.n})</span></td><td>{pct(everyday.accuracy)} <span className="muted small">({everyday.n})</span></td></tr>
        <tr><th scope="row">… ham recall</th><td>{recall(test, 'ham')}</td><td>{recall(everyday, 'ham')}</td></tr>
        <tr><th scope="row">… spam recall</th><td>{recall(test, 'spam')}</td><td>{recall(everyday, 'spam')}</td></tr>
        {yardstick && <tr><th scope="row">bag-of-words yardstick</th><td>{pct(yardstick.testAccuracy)}</td><td>{pct(yardstick.everydayAccuracy)} <span className="muted small">(the lab's only)</span></td></tr>}
      </tbody>
    </table>
  );
}

export function EverydayPanel({ test, everyday, pending, error, yardstick, shipped, mine, onRemove }: EverydayPanelProps) {
  return (
    <div className="everyday" data-testid="everyday-panel">
      <p className="small muted">
        {shipped ?? 'The'} everyday messages written for the lab{mine.length > 0 ? `, and ${mine.length} of yours` : ''}: a test from outside the corpus.
      </p>
      {test && everyday && <p data-testid="domain-shift"><strong>{domainShiftText(test.accuracy, everyday.accuracy)}</strong></p>}
      {test && everyday && <SideBySide test={test} everyday={everyday} yardstick={yardstick} />}
      {everyday ? <details open><summary>The everyday split in detail</summary><ClassReportView report={everyday} testId="everyday-report" /></details>
        : <p className="muted" data-testid="everyday-report-none">{pending ? 'Scoring the everyday messages…' : 'The everyday split\'s accuracy appears here beside the test split\'s when a run finishes.'}</p>}
      {pending && everyday && <p role="status" className="small muted">Scoring again with your messages…</p>}
      {error && <p role="alert" className="error" data-testid="everyday-error">{error}</p>}
      <details data-testid="my-messages" data-count={mine.length} open={mine.length > 0 && mine.length <= 5}>
        <summary>Your messages in the everyday split ({mine.length})</summary>
        {mine.length === 0 ? <p className="small muted">None yet: add one from the message box above.</p> : (
          <ul className="my-messages">
            {mine.map((m, i) => (
              <li key={`${i}:${m.label}:${m.text.slice(0, 40)}`} data-testid="my-message">
                <span className={`label ${m.label}`}>{m.label}</span>
                <span className="echo small">{m.text}</span>
                <button type="button" className="small" onClick={() => onRemove(i)} aria-label={`Remove your ${m.label} message ${i + 1}`}>Remove</button>
              </li>
            ))}
          </ul>
        )}
      </details>
    </div>
  );
}
