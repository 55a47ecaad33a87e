/**
 * Checkpoints shipped with the lab (public/models/manifest.json): parses the manifest, lists the
 * entries whose file the server actually has (a model still being trained is simply not listed),
 * and fetches one by id with byte progress, keeping the bytes for the worker's lifetime. Read-only:
 * nothing here writes to IndexedDB. No GPU, no UI.
 */
import { readBody } from '../util/fetch.ts';
import { SHIPPED_PREFIX, type SlotInfo, type TaskKind } from './protocol.ts';

/** One entry of public/models/manifest.json. */
export interface ShippedEntry {
  /** "shipped:<name>" */
  id: string;
  name: string;
  /** file name beside the manifest */
  file: string;
  stage: TaskKind;
  preset: string;
  /** the id of the checkpoint it was finetuned from */
  parent?: string;
  description: string;
  /** optimizer steps it was trained for, when known */
  steps?: number;
}

const STAGES: readonly string[] = ['pretrain', 'classify', 'instruct', 'prefer'];

/** The manifest's entries; throws naming the entry and field that is wrong. */
export function parseManifest(json: string, file = 'models/manifest.json'): ShippedEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message})`);
  }
  const list = (raw as { checkpoints?: unknown })?.checkpoints;
  if (!Array.isArray(list)) throw new Error(`${file}: field "checkpoints" must be a list`);
  return list.map((x, i) => {
    const e = x as Record<string, unknown>;
    const str = (k: string, optional = false) => {
      const v = e?.[k];
      if (v === undefined && optional) return undefined;
      if (typeof v !== 'string' || v === '') throw new Error(`${file}: checkpoints[${i}] field "${k}" must be a non-empty string`);
      return v;
    };
    const id = str('id')!;
    if (!id.startsWith(SHIPPED_PREFIX)) throw new Error(`${file}: checkpoints[${i}] field "id" must start with "${SHIPPED_PREFIX}", got "${id}"`);
    const stage = str('stage')!;
    if (!STAGES.includes(stage)) throw new Error(`${file}: checkpoints[${i}] field "stage" must be one of ${STAGES.join(', ')}, got "${stage}"`);
    const steps = typeof e.steps === 'number' && e.steps >= 0 ? e.steps : undefined;
    return { id, name: str('name')!, file: str('file')!, stage: stage as TaskKind, preset: str('preset')!, parent: str('parent', true), description: str('description')!, steps };
  });
}

/** The checkpoint list's row for a shipped entry of `bytes` bytes, saved at `savedAt` (the file's date; 0 when unknown). */
export function shippedSlot(e: ShippedEntry, bytes: number, savedAt = 0): SlotInfo {
  return { id: e.id, name: e.name, savedAt, bytes, step: e.steps ?? 0, preset: e.preset, auto: false, shipped: true, stage: e.stage, parent: e.parent };
}

/** A response that is really the file: dev servers answer a missing file with the app's HTML page. */
const isFile = (r: Response) => r.ok && !(r.headers.get('content-type') ?? '').includes('text/html');

export type FetchLike = (url: string, init?: RequestInit) => Promise<Response>;

/** The shipped checkpoints of one page: the manifest, the files present, and the bytes fetched so far. */
export class Shipped {
  private entries: Promise<ShippedEntry[]> | undefined;
  /** the list rows, asked once per page (the server's files do not change while it is open) */
  private rows: Promise<SlotInfo[]> | undefined;
  private readonly bytes = new Map<string, Promise<Uint8Array>>();

  constructor(
    private readonly baseUrl: string,
    private readonly fetchFn: FetchLike = (u, i) => fetch(u, i),
  ) {}

  private url(file: string): string {
    return new URL(`models/${file}`, this.baseUrl).href;
  }

  /** Every manifest entry (present or not); a failed fetch is retried next time. */
  manifest(): Promise<ShippedEntry[]> {
    this.entries ??= (async () => {
      const r = await this.fetchFn(this.url('manifest.json'));
      if (!isFile(r)) throw new Error(`could not fetch models/manifest.json (HTTP ${r.status})`);
      return parseManifest(await r.text());
    })().catch((e) => {
      this.entries = undefined;
      throw e;
    });
    return this.entries;
  }

  /** List rows of the entries whose file the server has (asked with HEAD, in parallel, once). */
  list(): Promise<SlotInfo[]> {
    this.rows ??= this.present().catch((e) => {
      this.rows = undefined;
      throw e;
    });
    return this.rows;
  }

  private async present(): Promise<SlotInfo[]> {
    const entries = await this.manifest();
    const rows = await Promise.all(
      entries.map(async (e) => {
        try {
          const r = await this.fetchFn(this.url(e.file), { method: 'HEAD' });
          const date = Date.parse(r.headers.get('last-modified') ?? '');
          return isFile(r) ? shippedSlot(e, Number(r.headers.get('content-length') ?? 0), Number.isFinite(date) ? date : 0) : undefined;
        } catch {
          return undefined;
        }
      }),
    );
    return rows.filter((r): r is SlotInfo => r !== undefined);
  }

  /** The entry of an id; throws naming the id when the manifest has none. */
  async entry(id: string): Promise<ShippedEntry> {
    const e = (await this.manifest()).find((x) => x.id === id);
    if (!e) throw new Error(`no shipped checkpoint "${id}" in models/manifest.json`);
    return e;
  }

  /** The bytes of a shipped checkpoint (fetched once), with progress; a missing file is named. */
  async fetch(id: string, progress: (done: number, total: number) => void = () => {}): Promise<Uint8Array> {
    const e = await this.entry(id);
    let p = this.bytes.get(id);
    if (!p) {
      p = this.download(e, progress).catch((err) => {
        this.bytes.delete(id);
        throw err;
      });
      this.bytes.set(id, p);
    }
    return p;
  }

  private async download(e: ShippedEntry, progress: (done: number, total: number) => void): Promise<Uint8Array> {
    const r = await this.fetchFn(this.url(e.file));
    if (!isFile(r)) {
      throw new Error(`the shipped checkpoint "${e.name}" (public/models/${e.file}) is not on the server${r.ok ? '' : ` (HTTP ${r.status})`}; it may not be trained yet`);
    }
    return readBody(r, progress);
  }
}
