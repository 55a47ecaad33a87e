/**
 * The sample timeline's rules, without React: when a run needs its next sample (every N steps),
 * what happens to the recorded samples when the run changes (a new run clears them, a run that
 * went back to an earlier step drops the later ones), and how they are saved. Pure functions over
 * plain data, so they are tested without rendering.
 */
import type { RunStatus } from '../../store/trainingSlice.ts';
import { isRecord, loadSaved, save } from '../../store/persist.ts';

/** One completion of the fixed prompt. */
export interface TimelineEntry {
  /** the run's step when the sample was asked for */
  step: number;
  /**
   * the step when its last token came: the sampler reads the live weights, so while training goes
   * on a sample spans the steps from `step` to this one (absent in entries saved before it existed)
   */
  endStep?: number;
  /** the generated continuation (the prompt not included) */
  text: string;
  temperature: number;
  topK: number;
}

/** Kept per lesson: at most this many entries (the oldest dropped). */
export const MAX_ENTRIES = 200;

/**
 * The step a sample is due for now, or null: the latest multiple of `every` the run has reached,
 * if no entry was taken at or after it. The first sample of a run is due at once.
 */
export function dueStep(step: number, every: number, entries: readonly TimelineEntry[]): number | null {
  const last = entries.at(-1);
  if (!last) return step;
  const due = Math.floor(step / every) * every;
  return due > last.step ? step : null;
}

/**
 * The entries after the run's state went from `prev` to `now`: a new run (loading at step 0) or a
 * reset (back to idle) clears them; a run that went back to an earlier step (restored from an
 * autosave, or a replaced GPU device) keeps only those finished by that step.
 */
export function entriesAfter(entries: readonly TimelineEntry[], prev: RunStatus, now: RunStatus, step: number): readonly TimelineEntry[] {
  if (now === 'loading' && step === 0 && prev !== 'loading') return [];
  if (now === 'idle' && prev !== 'idle') return [];
  if (now === 'idle' || now === 'loading') return entries;
  const upTo = (e: TimelineEntry) => (e.endStep ?? e.step) <= step;
  return entries.every(upTo) ? entries : entries.filter(upTo);
}

function isEntry(x: unknown): x is TimelineEntry {
  return isRecord(x) && Number.isInteger(x.step) && (x.endStep === undefined || Number.isInteger(x.endStep)) && typeof x.text === 'string' && Number.isFinite(x.temperature) && Number.isInteger(x.topK);
}

/** The saved entries under `key` (invalid ones skipped), or []. */
export function loadEntries(key: string, storage?: Parameters<typeof loadSaved>[2]): TimelineEntry[] {
  return loadSaved(key, (x) => (Array.isArray(x) ? x.filter(isEntry).slice(-MAX_ENTRIES) : undefined), storage) ?? [];
}

/** Saves the entries under `key`. */
export function saveEntries(key: string, entries: readonly TimelineEntry[], storage?: Parameters<typeof save>[2]): void {
  save(key, entries.slice(-MAX_ENTRIES), storage);
}
