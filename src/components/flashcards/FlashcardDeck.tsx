/**
 * The flashcard deck on screen: order (deck or shuffled), all cards or only those due in the
 * current Leitner round, previous / next (also the arrow keys), flip, "know it" / "again", box
 * counts, print and reset. Progress lives in the store's flashcards slice and survives a reload.
 */
import { useEffect, useMemo, useState } from 'react';
import { shuffled } from '../../lessons/flashcards/order.ts';
import type { Flashcard } from '../../lessons/flashcards/types.ts';
import { useLab } from '../../store/index.ts';
import { BOXES, boxCounts, cardBox, INTERVAL, isDue } from '../../store/leitner.ts';
import { CardView } from './CardView.tsx';
import './flashcards.css';

/** Keys typed into form fields are theirs, not the deck's. */
function isTyping(t: EventTarget | null): boolean {
  return t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
}

export function FlashcardDeck({ cards }: { cards: readonly Flashcard[] }) {
  const p = useLab((s) => s.flashcards);
  const { rateCard, setShuffle, setCardPosition, setCardMode, startNextRound, resetFlashcards } = useLab.getState();
  const ordered = useMemo(() => shuffled(cards, p.shuffleSeed), [cards, p.shuffleSeed]);
  const ids = useMemo(() => cards.map((c) => c.id), [cards]);
  const list = p.mode === 'due' ? ordered.filter((c) => isDue(p.leitner, c.id)) : ordered;
  const n = list.length;
  const pos = Math.min(p.position, Math.max(0, n - 1));
  const card = n ? list[pos] : undefined;
  // The side shown belongs to one card: moving to another card shows its question first.
  const [flippedId, setFlippedId] = useState<string | null>(null);
  const flipped = card !== undefined && flippedId === card.id;
  const dueCount = ordered.filter((c) => isDue(p.leitner, c.id)).length;
  const counts = boxCounts(p.leitner, ids);

  const go = (delta: number) => {
    if (!n) return;
    setCardPosition((pos + delta + n) % n);
    setFlippedId(null);
  };
  const flip = () => card && setFlippedId(flipped ? null : card.id);
  const rate = (knew: boolean) => {
    if (!card) return;
    rateCard(card.id, knew);
    setFlippedId(null);
    // In "due" mode the rated card leaves the list, so the same position already shows the next one.
    if (p.mode === 'all') setCardPosition((pos + 1) % n);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
        e.preventDefault();
        go(e.key === 'ArrowRight' ? 1 : -1);
      } else if ((e.key === ' ' || e.key === 'Enter') && (e.target === document.body || e.target === document.documentElement)) {
        // With focus on no control, Space and Enter still flip (on the card itself the button does it).
        e.preventDefault();
        flip();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <div className="flashcards-screen" data-testid="flashcard-deck">
      <div className="flashcard-toolbar" role="group" aria-label="Deck">
        <button type="button" className="secondary" onClick={() => setShuffle(Math.floor(Math.random() * 2 ** 31))}>Shuffle</button>
        <button type="button" className="secondary" aria-pressed={p.shuffleSeed === null} onClick={() => setShuffle(null)}>Deck order</button>
        <button type="button" className="secondary" aria-pressed={p.mode === 'all'} onClick={() => setCardMode('all')}>All cards ({cards.length})</button>
        <button type="button" className="secondary" aria-pressed={p.mode === 'due'} onClick={() => setCardMode('due')}>Due this round ({dueCount})</button>
        <button type="button" className="secondary" onClick={() => window.print()}>Print flashcards</button>
      </div>
      <p className="flashcard-status" role="status" aria-live="polite" data-testid="flashcard-status">
        {card
          ? `Card ${pos + 1} of ${n}${p.mode === 'due' ? ' due' : ''} · box ${cardBox(p.leitner, card.id).box} of ${BOXES}`
          : `Nothing is due in round ${p.leitner.round}.`}
      </p>
      {card ? (
        <>
          <CardView card={card} flipped={flipped} onFlip={flip} />
          <div className="flashcard-nav">
            <button type="button" className="secondary" onClick={() => go(-1)} aria-label="Previous card">← Previous</button>
            <button type="button" className="secondary" onClick={() => go(1)} aria-label="Next card">Next →</button>
          </div>
          <div className="flashcard-rate" role="group" aria-label="How did it go?">
            <button type="button" onClick={() => rate(true)}>Know it</button>
            <button type="button" className="secondary" onClick={() => rate(false)}>Again</button>
            <span className="small muted">"Know it" moves the card up a box, so it comes back less often; "Again" sends it to box 1.</span>
          </div>
        </>
      ) : (
        <p>
          {/* Focus follows: the rating buttons just disappeared with the last due card. */}
          <button type="button" autoFocus onClick={() => startNextRound(ids)}>Start the next round</button>
        </p>
      )}
      <h2 className="small">Your boxes (round {p.leitner.round})</h2>
      <ul className="flashcard-boxes small" aria-label="Leitner boxes" data-testid="flashcard-boxes">
        {counts.map((c, b) => (
          <li key={b} data-testid={`box-${b + 1}`}>
            Box {b + 1}: <strong>{c}</strong> {c === 1 ? 'card' : 'cards'} · every {INTERVAL[b] === 1 ? 'round' : `${INTERVAL[b]} rounds`}
          </li>
        ))}
      </ul>
      <button type="button" className="secondary" onClick={() => window.confirm('Put every card back in box 1 and restore deck order?') && resetFlashcards()}>
        Reset boxes
      </button>
    </div>
  );
}
