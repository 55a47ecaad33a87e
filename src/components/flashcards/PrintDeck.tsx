/**
 * The printable deck: every card with its question and answer, one card per printed page. Hidden
 * on screen (print.css shows it, and hides the rest, only for print media).
 */
import type { Flashcard } from '../../lessons/flashcards/types.ts';
import './print.css';

export function PrintDeck({ cards }: { cards: readonly Flashcard[] }) {
  return (
    <div className="print-deck" data-testid="print-deck">
      {cards.map((c, k) => (
        <article key={c.id} className="print-card" data-testid="print-card">
          <p className="print-meta">Flashcard {k + 1} of {cards.length} · WebGPU LLM lab</p>
          <h2 className="print-q">{c.front}</h2>
          <p className="print-a">{c.back}</p>
        </article>
      ))}
    </div>
  );
}
