/**
 * Leitner-box spaced repetition for the flashcards, as pure functions over plain state.
 * Box 1 comes back every round, box 2 every 2nd, box 3 every 4th, box 4 every 8th, box 5 every
 * 16th. "Know it" moves a card up one box; "again" sends it back to box 1. A round ends when no
 * card is due; the next round starts at the earliest round any card is due again.
 */

/** Number of boxes. */
export const BOXES = 5;

/** Rounds until a card in box b (1-based) is due again: INTERVAL[b - 1]. */
export const INTERVAL = [1, 2, 4, 8, 16] as const;

/** One card's place: its box and the round from which it is due. */
export interface CardBox {
  box: number;
  due: number;
}

/** The learner's whole Leitner state. Cards never rated are in box 1, due now. */
export interface LeitnerState {
  round: number;
  cards: Record<string, CardBox>;
}

export const EMPTY_LEITNER: LeitnerState = { round: 1, cards: {} };

/** The box and due round of a card (unrated cards: box 1, due now). */
export function cardBox(s: LeitnerState, id: string): CardBox {
  return s.cards[id] ?? { box: 1, due: s.round };
}

/** Whether a card is due in the current round. */
export function isDue(s: LeitnerState, id: string): boolean {
  return cardBox(s, id).due <= s.round;
}

/** Records one answer: knew it -> up one box (at most BOXES); again -> box 1. Due after the box's interval. */
export function review(s: LeitnerState, id: string, knew: boolean): LeitnerState {
  const box = knew ? Math.min(cardBox(s, id).box + 1, BOXES) : 1;
  return { round: s.round, cards: { ...s.cards, [id]: { box, due: s.round + INTERVAL[box - 1] } } };
}

/** Starts the next round: the earliest round in which one of `ids` is due (at least round + 1). */
export function nextRound(s: LeitnerState, ids: readonly string[]): LeitnerState {
  const dues = ids.map((id) => cardBox(s, id).due).filter((d) => d > s.round);
  return { round: dues.length ? Math.min(...dues) : s.round + 1, cards: s.cards };
}

/** How many of `ids` sit in each box: counts[b - 1] for box b. */
export function boxCounts(s: LeitnerState, ids: readonly string[]): number[] {
  const counts = new Array<number>(BOXES).fill(0);
  for (const id of ids) counts[cardBox(s, id).box - 1]++;
  return counts;
}

/** Validates a saved Leitner state; undefined when it is not one. */
export function parseLeitner(x: unknown): LeitnerState | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const { round, cards } = x as { round?: unknown; cards?: unknown };
  if (!Number.isInteger(round) || (round as number) < 1 || typeof cards !== 'object' || cards === null) return undefined;
  const out: Record<string, CardBox> = {};
  for (const [id, c] of Object.entries(cards)) {
    const { box, due } = (c ?? {}) as { box?: unknown; due?: unknown };
    if (Number.isInteger(box) && (box as number) >= 1 && (box as number) <= BOXES && Number.isInteger(due)) out[id] = { box: box as number, due: due as number };
  }
  return { round: round as number, cards: out };
}
