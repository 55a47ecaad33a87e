/**
 * Every spam-classification run the learner finished, one row each (choice, read position,
 * trainable parameters, training time, test accuracy and everyday-message accuracy side by side), read from the runs slice so it survives a
 * reload: "head only vs last block vs LoRA" is read off this one table.
 */
import { useLab } from '../../store/index.ts';
import { formatCount, formatDuration } from '../engine/format.ts';
import { pct, READ_AT_LABEL, runRows } from './format.ts';
import './classify.css';

export function ClassRunsTable() {
  const runs = useLab((s) => s.runs.classifier);
  if (runs.length === 0) {
    return <p className="muted" data-testid="class-runs-empty">No finished runs yet. Train one above and its test accuracy lands here.</p>;
  }
  return (
    <table className="class-runs" data-testid="class-runs" data-count={runs.length}>
      <caption>Your spam-classification runs</caption>
      <thead>
        <tr>
          <th scope="col">#</th>
          <th scope="col" className="left">what trained</th>
          <th scope="col" className="left">class read at</th>
          <th scope="col">trainable parameters</th>
          <th scope="col">training time</th>
          <th scope="col">test accuracy</th>
          <th scope="col">everyday messages</th>
        </tr>
      </thead>
      <tbody>
        {runRows(runs).map((r) => (
          <tr key={r.n} data-testid="class-run-row" data-read-at={r.readAt}>
            <td>{r.n}</td>
            <td className="left">{r.choice}</td>
            <td className="left">{READ_AT_LABEL[r.readAt]}</td>
            <td>{formatCount(r.trainable)}</td>
            <td>{formatDuration(r.seconds)}</td>
            <td data-testid="class-run-accuracy">{r.best ? <strong>{pct(r.testAccuracy)}</strong> : pct(r.testAccuracy)}</td>
            <td data-testid="class-run-everyday" title={r.everydayN ? `${r.everydayN} messages` : undefined}>{r.everydayAccuracy === undefined ? '–' : pct(r.everydayAccuracy)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
