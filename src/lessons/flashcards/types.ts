/** Type of a flashcard: plain data, no React, no store. */

/** One card: a question on the front, the answer on the back. */
export interface Flashcard {
  /** Stable id: the store keeps each card's Leitner box under it. */
  id: string;
  front: string;
  back: string;
  /** Where the card's topic comes from: the stages lesson, or the lab's own terms. */
  topic: 'stages' | 'lab';
}
