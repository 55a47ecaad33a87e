/**
 * Keeps the classroom windows in step over a BroadcastChannel (no server): the projector and the
 * presenter each hold the deck (deck.ts), send it on every change and adopt a newer one they
 * receive; a window that opens asks the others for theirs. The projector also sends a one-line
 * status of what it runs, which the presenter shows. A student's device joins no channel.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Deck, DeckRole } from './deck.ts';

const CHANNEL = 'lab-classroom';
const STORE_KEY = 'lab-classroom-deck';

type DeckMessage = { type: 'deck'; deck: Deck } | { type: 'hello' } | { type: 'status'; line: string };

/** A change to the deck (its time is set by the update). */
export type DeckPatch = Partial<Omit<Deck, 'at'>>;

const EMPTY: Deck = { step: 0, modes: {}, spamText: '', revealed: false, at: 0 };

/** The deck the windows of this browser last shared (the overview opens windows at its step). */
export function stored(): Deck {
  try {
    const raw = localStorage.getItem(STORE_KEY);
    return raw ? { ...EMPTY, ...(JSON.parse(raw) as Partial<Deck>) } : EMPTY;
  } catch {
    return EMPTY;
  }
}

export interface DeckLink {
  deck: Deck;
  /** changes the deck here and in the other windows (a function reads the latest deck, e.g. for two quick key presses) */
  update(patch: DeckPatch | ((d: Deck) => DeckPatch)): void;
  /** the projector's last status line (in the presenter), or '' */
  status: string;
  /** sends this window's status line (the projector's) */
  sendStatus(line: string): void;
}

/** The shared deck of a classroom window whose route says `urlStep`. */
export function useDeck(role: DeckRole, urlStep: number): DeckLink {
  // The address wins when it names another step than the class is on (typed, or a bookmark): the
  // deck moves there and tells the other windows; otherwise this window joins the class's deck.
  const [deck, setDeck] = useState<Deck>(() => {
    const s = stored();
    return s.step === urlStep ? s : { ...s, step: urlStep, at: Date.now() };
  });
  const moved = useRef(deck.at !== stored().at);
  const [status, setStatus] = useState('');
  const channel = useRef<BroadcastChannel | null>(null);
  const own = useRef(deck);
  own.current = deck;
  const lastStatus = useRef<string | null>(null);

  useEffect(() => {
    if (role === 'student' || typeof BroadcastChannel === 'undefined') return;
    const ch = new BroadcastChannel(CHANNEL);
    channel.current = ch;
    ch.onmessage = (ev: MessageEvent<DeckMessage>) => {
      const m = ev.data;
      if (m.type === 'hello') {
        ch.postMessage({ type: 'deck', deck: own.current } satisfies DeckMessage);
        if (lastStatus.current !== null) ch.postMessage({ type: 'status', line: lastStatus.current } satisfies DeckMessage);
      }
      else if (m.type === 'deck' && m.deck.at >= own.current.at && JSON.stringify(m.deck) !== JSON.stringify(own.current)) setDeck(m.deck);
      else if (m.type === 'status') setStatus(m.line);
    };
    ch.postMessage({ type: 'hello' } satisfies DeckMessage);
    if (moved.current) {
      moved.current = false;
      ch.postMessage({ type: 'deck', deck: own.current } satisfies DeckMessage);
      localStorage.setItem(STORE_KEY, JSON.stringify(own.current));
    }
    return () => {
      ch.close();
      channel.current = null;
    };
  }, [role]);

  const update = useCallback((patch: DeckPatch | ((d: Deck) => DeckPatch)) => {
    const next: Deck = { ...own.current, ...(typeof patch === 'function' ? patch(own.current) : patch), at: Date.now() };
    own.current = next;
    setDeck(next);
    channel.current?.postMessage({ type: 'deck', deck: next } satisfies DeckMessage);
    if (role !== 'student') localStorage.setItem(STORE_KEY, JSON.stringify(next));
  }, [role]);

  // The route follows the deck one navigation at a time, so after two quick key presses it may
  // still report a step the deck has already left. `ahead` holds the steps the deck moved to that
  // the route has not reported yet: the route reporting one of them is catching up, not a move.
  const ahead = useRef<number[]>([]);
  const routeStep = useRef(urlStep);
  routeStep.current = urlStep;
  useEffect(() => {
    if (deck.step !== routeStep.current) ahead.current.push(deck.step);
  }, [deck.step]);

  // A step typed into the address bar, or the browser's back button, moves the deck too.
  useEffect(() => {
    const i = ahead.current.indexOf(urlStep);
    if (i >= 0) {
      ahead.current = ahead.current.slice(i + 1);
      if (ahead.current.length > 0) return;
    }
    if (urlStep !== own.current.step) update({ step: urlStep });
  }, [urlStep, update]);

  const sendStatus = useCallback((line: string) => {
    lastStatus.current = line;
    channel.current?.postMessage({ type: 'status', line } satisfies DeckMessage);
  }, []);
  return { deck, update, status, sendStatus };
}
