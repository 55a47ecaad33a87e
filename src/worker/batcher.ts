/**
 * Metric batching: the trainer may report many points a second, the page wants at most one
 * message per interval. Points are queued and flushed together when the interval has passed
 * since the last flush (a timer flushes the tail). Owns no GPU state; the clock is injectable.
 */
import type { EvalPoint, MetricPoint } from './protocol.ts';

export interface Clock {
  now(): number;
  setTimeout(f: () => void, ms: number): unknown;
  clearTimeout(h: unknown): void;
}

const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (f, ms) => setTimeout(f, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class MetricBatcher {
  private metrics: MetricPoint[] = [];
  private evals: EvalPoint[] = [];
  private last = -Infinity;
  private timer: unknown = undefined;

  constructor(
    private readonly send: (metrics: MetricPoint[], evals: EvalPoint[]) => void,
    readonly intervalMs = 200,
    private readonly clock: Clock = realClock,
  ) {}

  metric(p: MetricPoint): void {
    this.metrics.push(p);
    this.schedule();
  }

  evalPoint(p: EvalPoint): void {
    this.evals.push(p);
    this.schedule();
  }

  /** Sends whatever is queued now (at pause, at the end of a run). */
  flush(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.metrics.length === 0 && this.evals.length === 0) return;
    const m = this.metrics;
    const e = this.evals;
    this.metrics = [];
    this.evals = [];
    this.last = this.clock.now();
    this.send(m, e);
  }

  /** Drops anything queued (reset). */
  clear(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.metrics = [];
    this.evals = [];
  }

  private schedule(): void {
    const wait = this.last + this.intervalMs - this.clock.now();
    if (wait <= 0) this.flush();
    else if (this.timer === undefined) this.timer = this.clock.setTimeout(() => this.flush(), wait);
  }
}
