/**
 * One flashcard on screen: a large button showing the question or the answer. Click, tap, Space
 * or Enter flips it (a native button gives all four); the side's text is announced when it changes.
 */
import { useId } from 'react';
import type { Flashcard } from '../../lessons/flashcards/types.ts';

export interface CardViewProps {
  card: Flashcard;
  flipped: boolean;
  onFlip(): void;
}

export function CardView({ card, flipped, onFlip }: CardViewProps) {
  const hint = useId();
  return (
    <div className="flashcard-wrap">
      <button
        type="button"
        className={`flashcard${flipped ? ' flipped' : ''}`}
        data-testid="flashcard"
        data-side={flipped ? 'answer' : 'question'}
        aria-describedby={hint}
        onClick={onFlip}
      >
        <span className="flashcard-side" data-testid="flashcard-side">{flipped ? 'Answer' : 'Question'}</span>
        <span className="flashcard-text" data-testid="flashcard-text" aria-live="polite">{flipped ? card.back : card.front}</span>
      </button>
      <p id={hint} className="small muted flashcard-hint">
        Click, tap, Space or Enter flips the card. The left and right arrow keys move between cards.
      </p>
    </div>
  );
}
