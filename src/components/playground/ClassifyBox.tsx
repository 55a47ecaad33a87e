/**
 * The spam classifier's try-a-message box: type or paste a message and a classifier checkpoint
 * (lesson 2) gives its spam and ham probabilities. Shown only when such a checkpoint exists; the
 * message is rendered as text.
 */
import { useId, useState } from 'react';
import { Link } from 'react-router';
import { classifyText, useAnswer } from '../../store/api.ts';
import { useClassifiers } from './models.ts';
import { slotLabel } from './ModelPicker.tsx';
import { formatProb } from './tokenLabel.ts';

const EXAMPLE = 'Congratulations! You have been selected for a free cruise. Reply now to claim your prize.';

export function ClassifyBox() {
  const classifiers = useClassifiers();
  const id = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  const [text, setText] = useState(EXAMPLE);
  const [requestId, setRequestId] = useState<number | null>(null);
  const { result: answer, error } = useAnswer('classProbs', requestId);
  if (classifiers.length === 0) {
    return (
      <p className="muted small" data-testid="pg-no-classifier">
        Once you train a spam classifier in <Link to="/lesson/classify">the classification lesson</Link>, a box here lets you try
        it on any message.
      </p>
    );
  }
  const model = classifiers.some((c) => c.id === chosen) ? chosen! : classifiers[0].id;
  const waiting = requestId !== null && answer === null && error === null;
  return (
    <section className="card pg-classify" aria-labelledby={`${id}-t`} data-testid="pg-classify">
      <h2 id={`${id}-t`}>Try a message on your spam classifier</h2>
      <p>The classifier reads the whole message and answers with one of two classes; it never writes text.</p>
      <label htmlFor={`${id}-m`}>Classifier</label>{' '}
      <select id={`${id}-m`} value={model} onChange={(e) => setChosen(e.currentTarget.value)}>
        {classifiers.map((c) => <option key={c.id} value={c.id}>{slotLabel(c)}</option>)}
      </select>
      <label htmlFor={`${id}-x`} className="pg-label">Message</label>
      <textarea id={`${id}-x`} rows={3} value={text} maxLength={5000} onChange={(e) => setText(e.currentTarget.value)} data-testid="pg-classify-text" />
      <div className="pg-row">
        <button type="button" disabled={text.trim() === '' || waiting} onClick={() => setRequestId(classifyText(model, text))} data-testid="pg-classify-go">
          {waiting ? 'Classifying…' : 'Classify'}
        </button>
      </div>
      {error && <p className="error" role="alert">{error}</p>}
      {answer && !error && (
        <ul className="prob-rows" role="status" data-testid="pg-classify-result" aria-label="Class probabilities">
          {answer.classes.map((c, i) => (
            <li key={c} className={answer.probs[i] === Math.max(...answer.probs) ? 'chosen' : undefined}>
              <span className="prob-label">{c}</span>
              <span className="prob-bar" aria-hidden="true"><span style={{ width: `${Math.max(1, 100 * answer.probs[i])}%` }} /></span>
              <span className="prob-value">{formatProb(answer.probs[i])}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
