/**
 * A box to type any message and see the trained classifier's spam probability, and to add it,
 * labelled, to the learner's everyday test messages. The message is shown back as plain text
 * (never as HTML) beside the answer, so the learner sees exactly what was scored. Presentation only: the page sends the text to the engine and passes the answer in.
 */
import { useId, useState } from 'react';
import { pct } from './format.ts';
import './classify.css';

/** The engine's answer for one text. */
export interface SpamAnswer {
  text: string;
  classes: string[];
  probs: number[];
}

export interface TryMessageProps {
  /** false until a trained classifier exists (the reason is shown instead of a dead button) */
  enabled: boolean;
  whyDisabled?: string;
  pending: boolean;
  answer: SpamAnswer | null;
  error?: string;
  onClassify(text: string): void;
  /** adds the text, labelled by the learner, to their everyday messages (works without a classifier) */
  onAdd?(label: 'ham' | 'spam', text: string): void;
}

const EXAMPLE = 'Subject: You have WON a FREE cruise!!!\nClick the link below within 24 hours to claim your prize.';

/** Probability of the 'spam' class in an answer (NaN when the classes have no 'spam'). */
export function spamProbability(a: SpamAnswer): number {
  const k = a.classes.indexOf('spam');
  return k < 0 ? NaN : a.probs[k];
}

export function TryMessage({ enabled, whyDisabled, pending, answer, error, onClassify, onAdd }: TryMessageProps) {
  const id = useId();
  const [text, setText] = useState(EXAMPLE);
  const [added, setAdded] = useState<string | null>(null);
  const add = (label: 'ham' | 'spam') => {
    try {
      onAdd?.(label, text);
      setAdded(`Added to your everyday messages as ${label}.`);
    } catch (e) {
      setAdded(String((e as Error).message ?? e));
    }
  };
  const p = answer ? spamProbability(answer) : NaN;
  return (
    <div className="try-message" data-testid="try-message">
      <label htmlFor={id}><strong>Your message</strong> (a subject line, then the body)</label>
      <textarea id={id} value={text} onChange={(e) => setText(e.target.value)} data-testid="try-message-text" maxLength={5000} />
      <p>
        <button type="button" disabled={!enabled || pending || text.trim() === ''} onClick={() => onClassify(text)} data-testid="try-message-go">
          {pending ? 'Scoring…' : 'How spammy is it?'}
        </button>
        {!enabled && whyDisabled && <span className="muted small"> {whyDisabled}</span>}
      </p>
      {onAdd && (
        <p className="add-mine">
          <span className="small">Add it to your everyday test messages, labelled:</span>
          <button type="button" disabled={text.trim() === ''} onClick={() => add('ham')} data-testid="add-mine-ham">ham</button>
          <button type="button" disabled={text.trim() === ''} onClick={() => add('spam')} data-testid="add-mine-spam">spam</button>
          {added && <span role="status" className="small muted" data-testid="add-mine-status">{added}</span>}
        </p>
      )}
      {error && <p role="alert" className="error" data-testid="try-message-error">{error}</p>}
      {answer && (
        <div aria-live="polite" data-testid="try-message-answer" data-spam-prob={p}>
          <div className="spam-meter">
            <meter min={0} max={1} low={0.5} high={0.5} optimum={0} value={Number.isFinite(p) ? p : 0} aria-label="spam probability" />
            <span><strong data-testid="try-message-prob">{pct(p)}</strong> spam → classified as <strong>{p >= 0.5 ? 'spam' : 'ham'}</strong></span>
          </div>
          <p className="small muted">Scored text:</p>
          <div className="echo small">{answer.text}</div>
        </div>
      )}
    </div>
  );
}
