/**
 * One self-check question: an optional answer box (kept on this device), a button that reveals
 * the model answer, and "I had it" / "Not yet" self-marks once it is revealed.
 */
import { useId, useState } from 'react';
import type { SelfCheckQuestion } from '../../lessons/quiz/types.ts';
import { useLab } from '../../store/index.ts';

export function SelfCheckCard({ q, label }: { q: SelfCheckQuestion; label: string }) {
  const note = useLab((s) => s.quiz.notes[q.id] ?? '');
  const mark = useLab((s) => s.quiz.marks[q.id]);
  const wasRevealed = useLab((s) => s.quiz.revealed[q.id] === true);
  const { setNote, revealAnswer, markSelf } = useLab.getState();
  const [open, setOpen] = useState(wasRevealed);
  const id = useId();
  return (
    <article className="card quiz-q" data-testid={`sc-${q.id}`} aria-labelledby={`${id}-q`}>
      <h3 id={`${id}-q`}>
        <span className="quiz-label">{label}</span>
        <span className="quiz-prompt">{q.prompt}</span>
      </h3>
      {q.parts && (
        <ol type="a">
          {q.parts.map((p) => <li key={p}>{p}</li>)}
        </ol>
      )}
      <label htmlFor={`${id}-note`} className="small muted">Your answer (optional; it stays on this device)</label>
      <textarea id={`${id}-note`} rows={3} value={note} onChange={(e) => setNote(q.id, e.target.value)} />
      <p>
        <button
          type="button"
          className="secondary"
          aria-expanded={open}
          aria-controls={`${id}-answer`}
          onClick={() => {
            if (!open) revealAnswer(q.id);
            setOpen(!open);
          }}
        >
          {open ? 'Hide model answer' : 'Show model answer'}
        </button>
      </p>
      <div id={`${id}-answer`} hidden={!open} className="model-answer" data-testid="model-answer">
        <h4>Model answer</h4>
        {q.modelAnswer.map((p) => <p key={p}>{p}</p>)}
        <div role="group" aria-label="Mark yourself" className="self-mark">
          <button type="button" className={mark === 'got-it' ? '' : 'secondary'} aria-pressed={mark === 'got-it'} onClick={() => markSelf(q.id, 'got-it')}>
            I had it
          </button>
          <button type="button" className={mark === 'not-yet' ? '' : 'secondary'} aria-pressed={mark === 'not-yet'} onClick={() => markSelf(q.id, 'not-yet')}>
            Not yet
          </button>
        </div>
      </div>
      <p role="status" aria-live="polite" className="small" data-testid="self-mark">
        {mark === 'got-it' ? 'Marked: you had it.' : mark === 'not-yet' ? 'Marked: not yet. Come back to it later.' : ''}
      </p>
    </article>
  );
}
