/**
 * Drives a sample timeline from store states, without React: fed every state of the store, it
 * follows the run (timeline.ts rules), asks for a sample when one is due (one at a time), records
 * it when its stream ends, and saves the entries. The component subscribes it to the store and
 * shows its view; tests feed it plain states and a recording link.
 */
import type { SampleDraft } from '../../store/samplingSlice.ts';
import type { RunState, RunStatus } from '../../store/trainingSlice.ts';
import type { SampleStream } from '../../store/requestsSlice.ts';
import { dueStep, entriesAfter, loadEntries, MAX_ENTRIES, saveEntries, type TimelineEntry } from './timeline.ts';

/** What the controller reads of the store. */
export interface TimelineInput {
  gpu: { state: string };
  run: RunState;
  samples: Record<number, SampleStream>;
}

/** How it asks for samples: sampleFrom / forgetRequest of src/store/api.ts, or a recorder in tests. */
export interface SampleLink {
  sample(req: Omit<SampleDraft, 'model'>): number;
  forget(requestId: number): void;
}

export interface TimelineView {
  entries: readonly TimelineEntry[];
  /** a sample is in flight */
  pending: boolean;
  error: string | null;
}

export interface TimelineKnobs {
  every: number;
  temperature: number;
  topK: number;
}

interface Pending {
  id: number;
  step: number;
  temperature: number;
  topK: number;
}

export class TimelineController {
  private entries: readonly TimelineEntry[];
  private pending: Pending | null = null;
  /** set while a request is being sent: the store calls back synchronously */
  private asking = false;
  private error: string | null = null;
  private prev: RunStatus;
  private step = 0;

  constructor(
    private readonly opts: { storageKey: string; prompt: string; maxTokens: number; seed: number },
    private knobs: TimelineKnobs,
    private readonly link: SampleLink,
    private readonly onChange: (v: TimelineView) => void,
    initialStatus: RunStatus,
    private readonly storage?: Parameters<typeof loadEntries>[1],
  ) {
    this.entries = loadEntries(opts.storageKey, storage);
    this.prev = initialStatus;
  }

  view(): TimelineView {
    return { entries: this.entries, pending: this.pending !== null || this.asking, error: this.error };
  }

  setKnobs(k: TimelineKnobs): void {
    this.knobs = k;
  }

  /** One store state: follow the run, finish a sample, ask for the next. */
  update(s: TimelineInput): void {
    if (this.asking) return;
    const { run } = s;
    this.step = run.step;
    let changed = false;
    const prev = this.prev;
    this.prev = run.status;
    if (run.status !== prev) {
      this.error = null; // a new state of the run: try again after an error
      changed = true;
    }
    const next = entriesAfter(this.entries, prev, run.status, run.step);
    if (next !== this.entries) {
      this.setEntries(next);
      changed = true;
    }
    const p = this.pending;
    const st = p ? s.samples[p.id] : undefined;
    if (p && st && !st.running) {
      if (st.error) this.error = st.error;
      else if (st.tokens.length > 0) {
        const text = st.tokens.map((t) => t.text).join('');
        this.setEntries([...this.entries, { step: p.step, endStep: run.step, text, temperature: p.temperature, topK: p.topK }].slice(-MAX_ENTRIES));
      }
      this.link.forget(p.id);
      this.pending = null;
      changed = true;
    }
    if (!this.pending && !this.error && s.gpu.state === 'ready' && run.status === 'training') {
      const due = dueStep(run.step, this.knobs.every, this.entries);
      if (due !== null) {
        this.ask(due);
        return;
      }
    }
    if (changed) this.onChange(this.view());
  }

  /** Asks for a sample now (the "Sample now" button), recorded at `step` (default: the run's). */
  ask(step = this.step): void {
    if (this.pending || this.asking) return;
    this.asking = true;
    try {
      const { temperature, topK } = this.knobs;
      const id = this.link.sample({ prompt: this.opts.prompt, temperature, topK, topP: 1, seed: this.opts.seed, maxTokens: this.opts.maxTokens });
      this.pending = { id, step, temperature, topK };
      this.error = null;
    } finally {
      this.asking = false;
    }
    this.onChange(this.view());
  }

  private setEntries(es: readonly TimelineEntry[]): void {
    this.entries = es;
    saveEntries(this.opts.storageKey, es, this.storage);
  }
}
