/**
 * Small local persistence for store slices that must survive a reload (quiz answers, flashcard
 * boxes, run summaries): JSON in localStorage under a versioned key, read through a validator so
 * a damaged or old entry falls back to the default instead of breaking the page. Never throws:
 * storage can be missing (Node, private mode) or full, and the lab keeps working without it.
 */

/** The part of the Web Storage API we use; tests pass an in-memory one. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The page's localStorage, or undefined where there is none or it may not be touched. */
export function browserStorage(): KeyValueStore | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined; // access itself can throw a SecurityError when storage is blocked
  }
}

/**
 * Reads and validates a saved value. `parse` gets the decoded JSON and returns the value, or
 * undefined when it is not valid; then (or when nothing is saved) the result is undefined.
 */
export function loadSaved<T>(key: string, parse: (raw: unknown) => T | undefined, storage = browserStorage()): T | undefined {
  try {
    const text = storage?.getItem(key);
    return text == null ? undefined : parse(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** Saves a value as JSON; failures (quota, blocked storage) are ignored. */
export function save(key: string, value: unknown, storage = browserStorage()): void {
  try {
    storage?.setItem(key, JSON.stringify(value));
  } catch {
    // Nothing useful to do: progress stays in memory for this visit.
  }
}

/** Removes a saved value. */
export function forget(key: string, storage = browserStorage()): void {
  try {
    storage?.removeItem(key);
  } catch {
    // ignored, as in save()
  }
}

/** A plain object (not null, not an array)? */
export function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Keeps only the entries of a record whose value passes `ok`; non-records give {}. */
export function recordOf<V>(x: unknown, ok: (v: unknown) => v is V): Record<string, V> {
  if (!isRecord(x)) return {};
  const out: Record<string, V> = {};
  for (const [k, v] of Object.entries(x)) if (ok(v)) out[k] = v;
  return out;
}

/** A Map-backed KeyValueStore, for tests and for pages that cannot use localStorage. */
export function memoryStorage(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}
