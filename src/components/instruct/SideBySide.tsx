/**
 * Base vs instruct, side by side: the same held-out instructions answered by the base checkpoint
 * and by the model being tuned, one row per instruction. Presentation only: the page sends the
 * sampling requests (same seed and settings for both columns) and passes the answers in.
 */
import './instruct.css';

/** One model's answer to one instruction, as far as it has arrived. */
export interface AnswerCell {
  text: string;
  state: 'waiting' | 'running' | 'done' | 'error';
  /** training step of the model that wrote it (the tuned column) */
  step?: number;
  /** true when the answer stopped with end-of-text before the token limit */
  stopped?: boolean;
}

export interface SideBySideRow {
  key: string;
  family: string;
  instruction: string;
  input?: string;
  /** the reference answer from the data set */
  reference: string;
  base: AnswerCell;
  tuned: AnswerCell;
}

export interface SideBySideProps {
  rows: readonly SideBySideRow[];
  /** what the two models are, for the headers */
  baseName: string;
  tunedName: string;
  /** sampling settings shared by both columns, shown under the table */
  settings: string;
}

function Answer({ cell, testId }: { cell: AnswerCell; testId: string }) {
  // Line breaks drawn as ↵ so a model that starts with blank lines shows them without a tall empty cell.
  const text = cell.text.trim() === '' ? (cell.state === 'done' ? `(empty answer${cell.text ? `: ${cell.text.replace(/\n/g, '↵')}` : ''})` : '') : cell.text.replace(/\n/g, '↵');
  return (
    <td data-testid={testId} data-state={cell.state} data-step={cell.step ?? ''} data-text={cell.text}>
      <div className="answer">{text}{cell.state === 'running' && ' …'}</div>
      <div className="small muted">
        {cell.state === 'waiting' && 'not asked yet'}
        {cell.state === 'error' && 'failed'}
        {cell.state === 'done' && (cell.stopped ? 'stopped at end-of-text' : 'hit the token limit without stopping')}
        {cell.step !== undefined && cell.state !== 'waiting' && ` · step ${cell.step}`}
      </div>
    </td>
  );
}

/** The panel: instruction, reference, base answer, tuned answer. */
export function SideBySide({ rows, baseName, tunedName, settings }: SideBySideProps) {
  return (
    <figure className="side-by-side-panel" data-testid="side-by-side">
      <table className="side-by-side">
        <caption className="small muted">Held-out instructions from the test split: neither model trained on them.</caption>
        <thead>
          <tr>
            <th scope="col" style={{ width: '28%' }}>Instruction</th>
            <th scope="col" style={{ width: '16%' }}>Reference</th>
            <th scope="col">Base: {baseName}</th>
            <th scope="col">Tuned: {tunedName}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-testid="sbs-row" data-family={r.family}>
              <th scope="row" style={{ fontWeight: 'normal' }}>
                <span className="small muted">{r.family}</span>
                <div>{r.instruction}</div>
                {r.input && <div className="small muted">Input: {r.input}</div>}
              </th>
              <td className="answer">{r.reference}</td>
              <Answer cell={r.base} testId="sbs-base" />
              <Answer cell={r.tuned} testId="sbs-tuned" />
            </tr>
          ))}
        </tbody>
      </table>
      <figcaption className="small muted">{settings}</figcaption>
    </figure>
  );
}
