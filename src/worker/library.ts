/**
 * Every checkpoint the page can name by id, in one place: the learner's saved slots (IndexedDB,
 * slots.ts) and the checkpoints shipped with the lab (shipped.ts, ids "shipped:..."). Lists them
 * together, loads either kind as a checked Checkpoint (the lab's tokenizer, no dropout: upload.ts),
 * and refuses to delete a shipped one. No GPU.
 */
import type { Checkpoint } from '../train/checkpoint.ts';
import type { Tokenizer } from '../train/tokenizer.ts';
import { SHIPPED_PREFIX, type SlotInfo } from './protocol.ts';
import type { Shipped } from './shipped.ts';
import type { SlotStore } from './slots.ts';
import { checkUpload } from './upload.ts';

export const isShipped = (id: string) => id.startsWith(SHIPPED_PREFIX);

export class Library {
  constructor(
    /** the slot store (replaced once IndexedDB opens) */
    private readonly slots: () => SlotStore,
    readonly shipped: Shipped,
    private readonly labTokenizer: () => Promise<Tokenizer>,
    /** told once when the shipped list cannot be read (the saved slots are still listed) */
    private readonly warn: (message: string) => void = () => {},
  ) {}

  private warned = false;

  /** Saved slots (newest first), then the shipped checkpoints whose files the server has. */
  async list(): Promise<SlotInfo[]> {
    const saved = await this.slots().list();
    let shipped: SlotInfo[] = [];
    try {
      shipped = await this.shipped.list();
    } catch (e) {
      if (!this.warned) this.warn(`The shipped checkpoints cannot be listed (${(e as Error).message}).`);
      this.warned = true;
    }
    return [...saved, ...shipped];
  }

  /** The list row of an id, or undefined. */
  async info(id: string): Promise<SlotInfo | undefined> {
    return (await this.list()).find((s) => s.id === id);
  }

  /** The bytes and a file name of a checkpoint; throws naming the id when there is none. */
  async bytes(id: string, progress?: (done: number, total: number) => void): Promise<{ name: string; bytes: Uint8Array }> {
    if (isShipped(id)) {
      const e = await this.shipped.entry(id);
      return { name: e.file, bytes: await this.shipped.fetch(id, progress) };
    }
    const s = await this.slots().get(id);
    if (!s) throw new Error(`no saved checkpoint "${id}"`);
    return { name: s.info.name, bytes: s.bytes };
  }

  /** A checkpoint by id, parsed and checked against the lab's tokenizer. */
  async load(id: string, progress?: (done: number, total: number) => void): Promise<Checkpoint> {
    const { name, bytes } = await this.bytes(id, progress);
    return checkUpload(bytes, name, await this.labTokenizer());
  }

  /** Deletes a saved slot; a shipped checkpoint is refused with a message. */
  async delete(id: string): Promise<void> {
    if (isShipped(id)) throw new Error(`"${id}" is shipped with the lab and cannot be deleted`);
    await this.slots().delete(id);
  }
}
