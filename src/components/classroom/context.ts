/**
 * What every classroom view is given: the window's role and flags, the demo's model size, the
 * shared deck and how to change it, the shipped checkpoints, and the raw text with its tokens
 * (the page tokenizes; components never load the engine's code).
 */
import type { DemoSize } from '../../lessons/classroom/script.ts';
import type { ShownToken } from '../lesson/TokenView.tsx';
import type { Deck, DeckFlags, DeckRole } from './deck.ts';
import type { DeckPatch } from './useDeck.ts';
import type { ShippedEntry } from './shipped.ts';

export interface DemoContext {
  role: DeckRole;
  flags: DeckFlags;
  size: DemoSize;
  deck: Deck;
  update(patch: DeckPatch | ((d: Deck) => DeckPatch)): void;
  /** null while the manifest loads */
  manifest: ShippedEntry[] | null;
  /** the start of the corpus and its tokens; null while loading */
  raw: { text: string; tokens: ShownToken[] } | null;
  /** true in the window that runs the engine's work (the projector, a student's device); false in the presenter */
  runs: boolean;
}
