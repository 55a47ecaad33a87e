/**
 * The classroom deck's pure rules: which key does what, where a step's address is, what the URL
 * flags say, and the deck state the windows share. No React, no store: the page and the sync hook
 * use these, and unit tests read them directly.
 */

/** Which window a route is: the projector, the teacher's notes, or a student's device. */
export type DeckRole = 'show' | 'present' | 'student';

/** What a key press asks for. */
export type DeckMove = 'next' | 'prev' | 'exit';

/** The keys of a keyboard and of a presentation clicker (which sends PageDown/PageUp). */
export function keyMove(key: string): DeckMove | null {
  switch (key) {
    case 'ArrowRight':
    case ' ':
    case 'PageDown':
      return 'next';
    case 'ArrowLeft':
    case 'PageUp':
      return 'prev';
    case 'Escape':
      return 'exit';
    default:
      return null;
  }
}

/** A step number kept within 0..count-1 (NaN and junk go to 0). */
export const clampStep = (n: number, count: number): number => (Number.isFinite(n) ? Math.min(Math.max(Math.trunc(n), 0), count - 1) : 0);

/** What a live step is doing, as the teacher chose: waiting, training live, or showing the shipped result. */
export type StepMode = 'idle' | 'live' | 'skipped';

/** What the windows keep in step: the step, each training step's mode, the class's spam message, the quiz reveal. */
export interface Deck {
  step: number;
  modes: Record<string, StepMode>;
  spamText: string;
  revealed: boolean;
  /** Date.now() of the change; a window adopts a deck only when it is newer than its own */
  at: number;
}

/** Display flags of a URL (TensorFlow Playground's habit): `controls=0|1` and `text=0|1`. */
export interface DeckFlags {
  controls: boolean;
  text: boolean;
}

/** Flags from a query string; the presenter always has controls, the projector and students by default none. */
export function parseFlags(search: string, role: DeckRole): DeckFlags {
  const q = new URLSearchParams(search);
  const flag = (name: string, dflt: boolean) => (q.has(name) ? q.get(name) !== '0' : dflt);
  return { controls: role === 'present' || flag('controls', false), text: flag('text', true) };
}

/** The route of a step in a window (inside the hash router), e.g. `/classroom/show/3`; students get the short form `/classroom/3`. */
export function stepRoute(role: DeckRole, step: number, flags?: Partial<DeckFlags>): string {
  const path = role === 'student' ? `/classroom/${step + 1}` : `/classroom/${role}/${step + 1}`;
  const q = new URLSearchParams();
  if (flags?.controls !== undefined) q.set('controls', flags.controls ? '1' : '0');
  if (flags?.text !== undefined) q.set('text', flags.text ? '1' : '0');
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** Role and step (0-based) of a classroom route's rest after `classroom/` ('show/3', 'present/1', '3'), or null for the overview. */
export function parseRoute(rest: string, count: number): { role: DeckRole; step: number } | null {
  const m = /^(?:(show|present)\/)?(\d+)\/?$/.exec(rest);
  if (!m) return null;
  return { role: (m[1] as DeckRole | undefined) ?? 'student', step: clampStep(Number(m[2]) - 1, count) };
}

/** The link a student opens for a step: this page's address with the step's short route in the hash. */
export function studentLink(pageUrl: string, step: number, flags?: Partial<DeckFlags>): string {
  const u = new URL(pageUrl);
  u.hash = `#${stepRoute('student', step, flags)}`;
  u.search = '';
  return u.href;
}
