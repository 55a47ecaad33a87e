/**
 * The playground's state as it lives in the URL (the hash router's query, `#/playground?...`), so a
 * teacher can share a link that opens the same comparison. Owns the parameter names, the limits of
 * every value and the fallback rules: a missing value takes the default silently, a bad one takes
 * the default with a note that names the parameter and the value. Pure functions, no React, no
 * store; checking that a checkpoint id exists happens later, once the checkpoint list is known.
 */

/** Everything a shared link carries. */
export interface PlaygroundState {
  prompt: string;
  /** 0 = always the most likely token; higher flattens the distribution */
  temperature: number;
  /** keep only the k most likely tokens (0 = all) */
  topK: number;
  /** keep the smallest set of tokens whose probabilities add up to p */
  topP: number;
  /** tokens to generate per pane */
  maxTokens: number;
  seed: number;
  /** wrap the prompt in the instruction template before sampling */
  template: boolean;
  /**
   * One checkpoint id per pane, or null for "the learner's default for this pane" (their base
   * model on the left, their instruct model on the right, filled in by the page).
   */
  models: (string | null)[];
}

/** Panes on the page: two to compare, and at most three side by side. */
export const MIN_PANES = 2;
export const MAX_PANES = 3;
/** A longer prompt would not fit the models' context window anyway. */
export const MAX_PROMPT_CHARS = 2000;

/** The numeric settings: URL name, bounds, and whether only whole numbers are allowed. */
export const NUMERIC = {
  temperature: { param: 't', min: 0, max: 5, step: 0.1, whole: false },
  topK: { param: 'k', min: 0, max: 1024, step: 1, whole: true },
  topP: { param: 'p', min: 0.01, max: 1, step: 0.01, whole: false },
  maxTokens: { param: 'n', min: 1, max: 200, step: 1, whole: true },
  seed: { param: 'seed', min: 0, max: 2 ** 31 - 1, step: 1, whole: true },
} as const;
export type NumericKey = keyof typeof NUMERIC;

export const DEFAULT_STATE: PlaygroundState = {
  prompt: 'Define the noun "time".',
  temperature: 0.7,
  topK: 40,
  topP: 0.95,
  maxTokens: 30,
  seed: 1,
  template: true,
  models: [null, null],
};

/** A checkpoint id as the worker makes them: letters, digits and a few separators. */
const ID_RE = /^[A-Za-z0-9:._-]{1,120}$/;

/** True when v is allowed for the numeric setting k. */
export function numberOk(k: NumericKey, v: number): boolean {
  const f = NUMERIC[k];
  return Number.isFinite(v) && v >= f.min && v <= f.max && (!f.whole || Number.isInteger(v));
}

/** The state a query string asks for, with a note for every value that could not be used. */
export function parseState(query: string): { state: PlaygroundState; notes: string[] } {
  const q = new URLSearchParams(query);
  const notes: string[] = [];
  const state: PlaygroundState = { ...DEFAULT_STATE, models: [...DEFAULT_STATE.models] };

  const prompt = q.get('prompt');
  if (prompt !== null) {
    if (prompt.length > MAX_PROMPT_CHARS) notes.push(`The prompt in the link was cut to ${MAX_PROMPT_CHARS} characters.`);
    state.prompt = prompt.slice(0, MAX_PROMPT_CHARS);
  }
  for (const k of Object.keys(NUMERIC) as NumericKey[]) {
    const f = NUMERIC[k];
    const raw = q.get(f.param);
    if (raw === null) continue;
    const v = raw.trim() === '' ? NaN : Number(raw);
    if (numberOk(k, v)) state[k] = v;
    else notes.push(`Ignored ${f.param}=${JSON.stringify(raw)}: it must be ${f.whole ? 'a whole number' : 'a number'} from ${f.min} to ${f.max}; using ${state[k]}.`);
  }
  const tpl = q.get('tpl');
  if (tpl !== null) {
    if (tpl === '1' || tpl === '0') state.template = tpl === '1';
    else notes.push(`Ignored tpl=${JSON.stringify(tpl)}: it must be 1 (wrap in the template) or 0; using ${state.template ? 1 : 0}.`);
  }
  const ms = q.getAll('m');
  if (ms.length > 0) {
    if (ms.length > MAX_PANES) notes.push(`The link asks for ${ms.length} panes; the playground shows at most ${MAX_PANES}.`);
    state.models = ms.slice(0, MAX_PANES).map((m, i) => {
      if (m === '') return null;
      if (ID_RE.test(m)) return m;
      notes.push(`Ignored the checkpoint ${JSON.stringify(m.slice(0, 40))} of pane ${i + 1}: not a checkpoint id; using the default.`);
      return null;
    });
    while (state.models.length < MIN_PANES) state.models.push(null);
  }
  return { state, notes };
}

/** The query string (without '?') that parseState turns back into the same state. */
export function stateQuery(s: PlaygroundState): string {
  const q = new URLSearchParams();
  q.set('prompt', s.prompt);
  for (const k of Object.keys(NUMERIC) as NumericKey[]) q.set(NUMERIC[k].param, String(s[k]));
  q.set('tpl', s.template ? '1' : '0');
  for (const m of s.models) q.append('m', m ?? '');
  return q.toString();
}
