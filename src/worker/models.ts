/**
 * The models that requests run on besides the current run's: checkpoints by id (saved or shipped),
 * built on the GPU on first use and kept in a small least-recently-used cache, so a playground
 * comparing two models, or a lesson asking for a report and then a sample, does not rebuild them.
 * Each entry has a queue: requests that drive the model's own activations (classifier passes) take
 * turns. An evicted model is freed once its queued work is done. Knows nothing of messages.
 */
import type { GPUModel } from '../model/gpt.ts';
import type { Checkpoint } from '../train/checkpoint.ts';

/** Sequences per request model: one pass scores this many messages. */
export const REQUEST_BATCH = 8;
/** Models kept besides the run's. */
export const CACHED_MODELS = 3;

/** A checkpoint built on the GPU for requests; `ck` keeps config, tokenizer and info (the weights live on the GPU). */
export interface LoadedModel {
  id: string;
  ck: Pick<Checkpoint, 'config' | 'tokenizer' | 'info'>;
  model: GPUModel;
  /** runs f when the requests before it on this model are done */
  exclusive<T>(f: () => Promise<T>): Promise<T>;
}

interface Entry {
  key: string;
  loaded: Promise<LoadedModel>;
  queue: Promise<unknown>;
}

export class ModelCache {
  /** least recently used first */
  private entries: Entry[] = [];

  constructor(
    private readonly max = CACHED_MODELS,
    /** called before a model is freed (the sampler drops its decoder); resolves when that is done */
    private readonly beforeFree: (m: GPUModel) => Promise<void> = async () => {},
  ) {}

  /** ids currently held (most recent last), for tests and the page's notes */
  get ids(): string[] {
    return this.entries.map((e) => e.key);
  }

  /**
   * The model of `id` at `version` (a saved slot's savedAt: a slot overwritten since is rebuilt),
   * built with `build` on a miss. A failed build is not kept.
   */
  async get(id: string, version: string, build: () => Promise<{ ck: Checkpoint; model: GPUModel }>): Promise<LoadedModel> {
    const key = `${id}@${version}`;
    let e = this.entries.find((x) => x.key === key);
    if (e) {
      this.entries = [...this.entries.filter((x) => x !== e), e];
      return e.loaded;
    }
    // An older version of the same id goes first.
    for (const old of this.entries.filter((x) => x.key.startsWith(`${id}@`))) this.free(old);
    const entry: Entry = { key, queue: Promise.resolve(), loaded: undefined as unknown as Promise<LoadedModel> };
    entry.loaded = build().then(({ ck, model }) => ({
      id,
      ck: { config: ck.config, tokenizer: ck.tokenizer, info: ck.info },
      model,
      exclusive: <T>(f: () => Promise<T>) => {
        const run = entry.queue.then(f);
        entry.queue = run.catch(() => {});
        return run;
      },
    }));
    entry.loaded.catch(() => {
      this.entries = this.entries.filter((x) => x !== entry);
    });
    e = entry;
    this.entries.push(e);
    while (this.entries.length > this.max) this.free(this.entries[0]);
    return e.loaded;
  }

  private free(e: Entry): void {
    this.entries = this.entries.filter((x) => x !== e);
    void e.loaded
      .then(async (l) => {
        await e.queue;
        await this.beforeFree(l.model);
        try {
          l.model.destroy();
        } catch {
          // the device may be gone already
        }
      })
      .catch(() => {});
  }

  /** Frees the models of one id (its slot was deleted or overwritten). */
  forget(id: string): void {
    for (const e of this.entries.filter((x) => x.key.startsWith(`${id}@`))) this.free(e);
  }

  /** Frees every model (reset, or a lost device). */
  clear(): void {
    for (const e of [...this.entries]) this.free(e);
  }
}
