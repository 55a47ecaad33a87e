/**
 * Waiting for the GPU without spinning a CPU core. While any GPU promise is pending, Dawn in Node
 * polls for finished work by rescheduling itself on the event loop, so the JS thread runs flat out
 * (measured: 1.04 CPU-s of 1.77 s wall on SwiftShader); with SwiftShader that core is one its worker
 * threads need. A Pacer sleeps on a plain timer (no GPU promise pending, so no polling) for most of
 * the time the submitted work is expected to take, then awaits the real promise, which by then is
 * nearly due. Expectations are learned per kind of submission from the waits themselves.
 * Owns no GPU objects; knows nothing of models.
 */

/** Devices whose pending promises spin the JS thread (src/gpu/node.ts adds Dawn-in-Node devices). */
export const spinningWaits = new WeakSet<GPUDevice>();

/** A wait that ended this soon after the sleep (ms, or share of the expected time) means the sleep overshot: the expectation shrinks. */
const OVERSHOT_MS = 2;
const OVERSHOT_SHARE = 0.03;
/** Sleep this share of the expected time: a little early costs a short spin, late costs idle GPU time. */
const SHARE = 0.9;
/**
 * Waits expected to be shorter than this are not paced. A sleep that overshoots learns a time that
 * includes the wait's own latency, so short work is overestimated; and there Dawn's polling costs
 * little (test preset on SwiftShader: the JS thread busy 20% of an unpaced step, and paced steps
 * were slower, 512 vs 396 ms; small preset: paced 1.4-2x faster, bench/profile-step.ts).
 */
const MIN_PACED_MS = 1000;

export class Pacer {
  /** milliseconds one submission of each kind took, learned; absent until a clean measurement */
  private readonly expectMs = new Map<string, number>();
  /** kinds seen once (the first wait of a kind includes first-use costs and is not learned from) */
  private readonly seen = new Set<string>();
  private pending: string[] = [];
  private since = 0;

  constructor(private readonly enabled: boolean) {}

  /** Records one submission of `kind` (call right after queue.submit). */
  submitted(kind: string): void {
    if (!this.enabled) return;
    if (this.pending.length === 0) this.since = performance.now();
    this.pending.push(kind);
  }

  /**
   * Resolves `wait()` (a promise that completes after the pending work, such as a buffer map),
   * sleeping first when this device's waits spin and the pending work's duration is known.
   */
  async settle<T>(wait: () => Promise<T>): Promise<T> {
    if (!this.enabled || this.pending.length === 0) return wait();
    const kinds = this.pending;
    this.pending = [];
    const expected = kinds.reduce((s, k) => s + (this.expectMs.get(k) ?? NaN), 0);
    const sleep = expected >= MIN_PACED_MS ? SHARE * expected - (performance.now() - this.since) : 0;
    if (sleep > 1) await new Promise((r) => setTimeout(r, sleep));
    const woke = performance.now();
    const out = await wait();
    const end = performance.now();
    // Learn only from waits of one kind: mixed ones cannot say which kind took the time.
    const kind = kinds[0];
    if (kinds.every((k) => k === kind)) {
      if (!this.seen.has(kind)) this.seen.add(kind);
      else if (sleep > 1 && end - woke < Math.max(OVERSHOT_MS, OVERSHOT_SHARE * expected)) this.expectMs.set(kind, 0.8 * expected / kinds.length);
      // Otherwise the time it took (after an overshot that went undetected this includes the sleep,
      // so the expectation still shrinks by SHARE).
      else this.expectMs.set(kind, (end - this.since) / kinds.length);
    }
    return out;
  }
}
