/**
 * One graded question: a radio group in a fieldset, a "Check" button, and after checking the
 * verdict and explanation in a live region. Used by the which-stage exercise, the multiple-choice
 * questions and the run questions. Presentation only: the caller grades and saves.
 */
import { useId, useState, type ReactNode } from 'react';
import type { ChoiceOption, Verdict } from '../../lessons/quiz/types.ts';

const VERDICT_TEXT: Record<Verdict, string> = { right: 'Right.', close: 'Close.', wrong: 'Not quite.' };

export interface ChoiceCardProps {
  id: string;
  prompt: string;
  options: readonly ChoiceOption[];
  /** The option id checked earlier (saved), if any. */
  saved: string | undefined;
  grade(optionId: string): Verdict;
  /** Extra words for a verdict, e.g. why a close answer is only close, or the expected answer. */
  note?(optionId: string): string | undefined;
  explanation: string;
  onCheck(optionId: string): void;
  /** Shown with the result, e.g. a link to try it. */
  after?: ReactNode;
  /** Small label above the prompt, e.g. "Behaviour 3 of 6". */
  label?: string;
}

export function ChoiceCard({ id, prompt, options, saved, grade, note, explanation, onCheck, after, label }: ChoiceCardProps) {
  const [selected, setSelected] = useState<string | undefined>(saved);
  const base = useId();
  const verdict = saved === undefined ? undefined : grade(saved);
  const savedText = options.find((o) => o.id === saved)?.text;
  const extra = saved === undefined ? undefined : note?.(saved);
  return (
    <form
      className={`card quiz-q${verdict ? ` verdict-${verdict}` : ''}`}
      data-testid={`q-${id}`}
      data-verdict={verdict ?? ''}
      onSubmit={(e) => {
        e.preventDefault();
        if (selected !== undefined) onCheck(selected);
      }}
    >
      <fieldset>
        <legend>
          {label && <span className="quiz-label">{label}</span>}
          <span className="quiz-prompt">{prompt}</span>
        </legend>
        <div className="quiz-options">
          {options.map((o) => (
            <label key={o.id} className="quiz-option">
              <input type="radio" name={`${base}-choice`} value={o.id} checked={selected === o.id} onChange={() => setSelected(o.id)} />
              <span>{o.text}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" disabled={selected === undefined}>{saved === undefined ? 'Check' : 'Check again'}</button>
      <div role="status" aria-live="polite" className="quiz-result" data-testid="q-result">
        {verdict && (
          <>
            <p>
              <strong className={`verdict ${verdict}`}>{VERDICT_TEXT[verdict]}</strong> You answered: {savedText}.{extra ? ` ${extra}` : ''}
            </p>
            <p>{explanation}</p>
            {after}
          </>
        )}
      </div>
    </form>
  );
}
