/** The flashcards page: the deck on screen and the printable deck (one card per page). Works without WebGPU. */
import { FlashcardDeck } from '../components/flashcards/FlashcardDeck.tsx';
import { PrintDeck } from '../components/flashcards/PrintDeck.tsx';
import { FLASHCARDS } from '../lessons/flashcards/cards.ts';

export default function Flashcards() {
  return (
    <div className="flashcards-page">
      <div className="flashcards-screen">
        <h1>Flashcards</h1>
        <p>
          {FLASHCARDS.length} cards: the key ideas of the three training stages and the lab's own terms. Say the answer
          before you flip, then be honest with "know it" or "again": cards you know come back less often.
        </p>
      </div>
      <FlashcardDeck cards={FLASHCARDS} />
      <PrintDeck cards={FLASHCARDS} />
    </div>
  );
}
