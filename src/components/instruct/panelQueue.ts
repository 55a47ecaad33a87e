/**
 * The side-by-side panel's request queue: asks the base model and the model being tuned the same
 * instructions, one sample at a time (the engine samples one request at a time, and a queue keeps
 * the tuned answers of one refresh together), and turns the streamed tokens into answer cells.
 * Plain TypeScript: the page wires `send` to the engine and feeds back the sample events, and a
 * test drives it with a recorder. It must not render anything or read the store itself.
 */
import type { AnswerCell } from './SideBySide.tsx';

/** One instruction of the panel: the text sent and whether the engine wraps it in the template. */
export interface PanelItem {
  key: string;
  prompt: string;
  template: boolean;
}

/** Sampling settings shared by both columns (same seed for both: only the weights differ). */
export interface PanelSampling {
  temperature: number;
  topK: number;
  topP: number;
  seed: number;
  maxTokens: number;
}

/** The sample request the queue sends (the engine's 'sample' message). */
export interface PanelRequest extends PanelSampling {
  type: 'sample';
  requestId: number;
  prompt: string;
  model: string;
  template: boolean;
}

/** What the engine has sent back for the request in flight. */
export interface SampleEvent {
  requestId: number;
  tokens: readonly { id: number; text: string }[];
  running: boolean;
}

export type Column = 'base' | 'tuned';
export interface PanelCells {
  base: Record<string, AnswerCell>;
  tuned: Record<string, AnswerCell>;
}

interface Job {
  col: Column;
  key: string;
  model: string;
  step?: number;
}

export class PanelQueue {
  private jobs: Job[] = [];
  private current: (Job & { requestId: number }) | null = null;
  cells: PanelCells = { base: {}, tuned: {} };

  constructor(
    private readonly items: readonly PanelItem[],
    private readonly sampling: PanelSampling,
    private readonly endOfTextId: number,
    private readonly send: (req: PanelRequest) => void,
    private readonly onChange: (cells: PanelCells) => void,
    /** fresh request ids (the page's one counter: store/api.ts nextRequestId) */
    private readonly newId: () => number,
  ) {
    for (const it of items) {
      this.cells.base[it.key] = { text: '', state: 'waiting' };
      this.cells.tuned[it.key] = { text: '', state: 'waiting' };
    }
  }

  /** The request in flight, if any. */
  get inFlight(): number | null {
    return this.current?.requestId ?? null;
  }

  /** Jobs not yet sent. */
  get pending(): number {
    return this.jobs.length;
  }

  /** Asks every instruction of `model` for the base column (a new base model replaces the answers). */
  askBase(model: string): void {
    this.jobs = this.jobs.filter((j) => j.col !== 'base');
    for (const it of this.items) this.jobs.push({ col: 'base', key: it.key, model });
    this.pump();
  }

  /** Asks the run's model every instruction again, as it is at `step`; an older refresh still waiting is dropped. */
  askTuned(step: number, model = 'run'): void {
    this.jobs = this.jobs.filter((j) => j.col !== 'tuned');
    for (const it of this.items) this.jobs.push({ col: 'tuned', key: it.key, model, step });
    this.pump();
  }

  /** Feeds the engine's tokens for the request in flight; when it is done the next one goes out. */
  onSample(ev: SampleEvent | null): void {
    const cur = this.current;
    if (!cur || !ev || ev.requestId !== cur.requestId) return;
    const ended = ev.tokens.at(-1)?.id === this.endOfTextId;
    const text = ev.tokens.filter((t) => t.id !== this.endOfTextId).map((t) => t.text).join('');
    const done = !ev.running;
    this.set(cur.col, cur.key, { text, state: done ? 'done' : 'running', step: cur.step, stopped: ended });
    if (done) {
      this.current = null;
      this.pump();
    }
  }

  /** The request in flight failed: mark its cell and go on with the next. */
  onError(): void {
    const cur = this.current;
    if (!cur) return;
    this.set(cur.col, cur.key, { ...this.cells[cur.col][cur.key], state: 'error', step: cur.step });
    this.current = null;
    this.pump();
  }

  private set(col: Column, key: string, cell: AnswerCell): void {
    this.cells = { ...this.cells, [col]: { ...this.cells[col], [key]: cell } };
    this.onChange(this.cells);
  }

  private pump(): void {
    if (this.current) return;
    const job = this.jobs.shift();
    if (!job) return;
    const item = this.items.find((i) => i.key === job.key)!;
    const requestId = this.newId();
    this.current = { ...job, requestId };
    const prev = this.cells[job.col][job.key];
    this.set(job.col, job.key, { text: prev.text, state: 'running', step: job.step ?? prev.step });
    this.send({ type: 'sample', requestId, prompt: item.prompt, model: job.model, template: item.template, ...this.sampling });
  }
}
