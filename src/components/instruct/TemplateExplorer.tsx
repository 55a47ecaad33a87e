/**
 * The instruction template on real records, with the loss mask drawn token by token and the
 * masking toggle. The page supplies `draw`, which formats a record with the trainer's own
 * function, so the drawing shows exactly the tokens and mask a training step would see. This
 * file only lays it out and steps through records; it never tokenizes.
 */
import { useState } from 'react';
import type { InstructRecord } from '../../data/types.ts';
import { TokenMask, type MaskToken } from './TokenMask.tsx';
import './instruct.css';

/** A record as the trainer formats it. */
export interface DrawnExample {
  /** the template text of the whole example (prompt, response and the end-of-text marker) */
  text: string;
  tokens: MaskToken[];
  /** the example is longer than the model's context and its end was cut */
  truncated: boolean;
  /** tokens per training row (context + 1) */
  rowLength: number;
}

export interface TemplateExplorerProps {
  /** records to step through (a few of each family) */
  records: readonly InstructRecord[];
  draw: (rec: InstructRecord) => DrawnExample;
  maskPrompt: boolean;
  onMaskPrompt: (mask: boolean) => void;
  /** the toggle is locked while a run trains (its setting is fixed for the run) */
  locked?: boolean;
}

/** Record picker, template text, mask drawing and the toggle. */
export function TemplateExplorer({ records, draw, maskPrompt, onMaskPrompt, locked }: TemplateExplorerProps) {
  const [i, setI] = useState(0);
  if (records.length === 0) return <p className="muted">No records to show.</p>;
  const k = Math.min(i, records.length - 1);
  const rec = records[k];
  const d = draw(rec);
  return (
    <div className="template-explorer" data-testid="template-explorer">
      <div className="controls-row">
        <button type="button" className="secondary" onClick={() => setI((k + records.length - 1) % records.length)} aria-label="Previous record">←</button>
        <span data-testid="record-index">Record {k + 1} of {records.length} · family <strong>{rec.task ?? 'other'}</strong></span>
        <button type="button" className="secondary" onClick={() => setI((k + 1) % records.length)} aria-label="Next record" data-testid="next-record">→</button>
      </div>
      <pre className="template-text" data-testid="template-text">{d.text}</pre>
      <label className="controls-row">
        <input type="checkbox" data-testid="mask-toggle" checked={maskPrompt} disabled={locked} onChange={(e) => onMaskPrompt(e.target.checked)} />
        Mask the prompt: only the response and its end-of-text count in the loss
        {locked && <span className="small muted"> (fixed while the run trains)</span>}
      </label>
      <TokenMask tokens={d.tokens} label={`Tokens of record ${k + 1} with the loss mask ${maskPrompt ? 'on' : 'off'}`} />
      <p className="small muted">
        One training row holds {d.rowLength} tokens (the context plus one, so every input has a next token to predict).
        The first token is never a target: nothing comes before it. Padding fills the row and never counts.
        {d.truncated && ' This record is longer than the context, so its end is cut off.'}
      </p>
    </div>
  );
}
