/**
 * The learner's flashcard progress: Leitner boxes (./leitner.ts), the shuffle seed (null = deck
 * order), the card being shown and whether only due cards are shown. Card content lives in
 * src/lessons/flashcards; this keeps ids only. Saved to localStorage after every change.
 * Which side of the card is up is not kept here: it is view state.
 */
import type { StateCreator } from 'zustand';
import { EMPTY_LEITNER, type LeitnerState, nextRound, parseLeitner, review } from './leitner.ts';
import { forget, isRecord, loadSaved, save } from './persist.ts';

export const FLASHCARDS_KEY = 'webgpu-llm-lab.flashcards.v1';

export type CardMode = 'all' | 'due';

export interface FlashcardsProgress {
  leitner: LeitnerState;
  /** Seed of the shuffled order, or null for deck order. */
  shuffleSeed: number | null;
  /** Index of the shown card within the current list (all cards, or the due ones). */
  position: number;
  mode: CardMode;
}

export const EMPTY_FLASHCARDS: FlashcardsProgress = { leitner: EMPTY_LEITNER, shuffleSeed: null, position: 0, mode: 'all' };

export interface FlashcardsSlice {
  flashcards: FlashcardsProgress;
  /** Records "know it" (true) or "again" (false) for a card. */
  rateCard(id: string, knew: boolean): void;
  /** Shuffles with this seed, or back to deck order with null; shows the first card. */
  setShuffle(seed: number | null): void;
  setCardPosition(position: number): void;
  setCardMode(mode: CardMode): void;
  /** Starts the next Leitner round over these card ids. */
  startNextRound(ids: readonly string[]): void;
  resetFlashcards(): void;
}

/** Validates saved flashcard progress; undefined when the Leitner part is not valid. */
export function parseFlashcards(x: unknown): FlashcardsProgress | undefined {
  if (!isRecord(x)) return undefined;
  const leitner = parseLeitner(x.leitner);
  if (!leitner) return undefined;
  const seed = Number.isInteger(x.shuffleSeed) ? (x.shuffleSeed as number) : null;
  const position = Number.isInteger(x.position) && (x.position as number) >= 0 ? (x.position as number) : 0;
  return { leitner, shuffleSeed: seed, position, mode: x.mode === 'due' ? 'due' : 'all' };
}

export const createFlashcardsSlice: StateCreator<FlashcardsSlice, [], [], FlashcardsSlice> = (set, get) => {
  const update = (f: (p: FlashcardsProgress) => FlashcardsProgress) => {
    set((s) => ({ flashcards: f(s.flashcards) }));
    save(FLASHCARDS_KEY, get().flashcards);
  };
  return {
    flashcards: loadSaved(FLASHCARDS_KEY, parseFlashcards) ?? EMPTY_FLASHCARDS,
    rateCard: (id, knew) => update((p) => ({ ...p, leitner: review(p.leitner, id, knew) })),
    setShuffle: (seed) => update((p) => ({ ...p, shuffleSeed: seed, position: 0 })),
    setCardPosition: (position) => update((p) => ({ ...p, position: Math.max(0, Math.floor(position)) })),
    setCardMode: (mode) => update((p) => ({ ...p, mode, position: 0 })),
    startNextRound: (ids) => update((p) => ({ ...p, leitner: nextRound(p.leitner, ids), position: 0 })),
    resetFlashcards: () => {
      set({ flashcards: EMPTY_FLASHCARDS });
      forget(FLASHCARDS_KEY);
    },
  };
};
