/**
 * Saved checkpoints in the browser: a small wrapper over IndexedDB with two object stores, the
 * slot descriptions (listed often, tiny) and their bytes (read only to load or download), written
 * in one transaction so a slot never exists without its bytes. Knows nothing of the checkpoint
 * format: bytes in, bytes out. A memory version with the same interface serves tests and
 * browsers where IndexedDB is blocked.
 */
import type { SlotInfo } from './protocol.ts';

/** Where checkpoints are kept. Every method rejects with a message on a storage failure. */
export interface SlotStore {
  /** every slot, newest first */
  list(): Promise<SlotInfo[]>;
  get(id: string): Promise<{ info: SlotInfo; bytes: Uint8Array } | undefined>;
  /** adds or replaces the slot with info.id */
  put(info: SlotInfo, bytes: Uint8Array): Promise<void>;
  delete(id: string): Promise<void>;
}

const INFO = 'slots';
const BYTES = 'bytes';

const newestFirst = (a: SlotInfo, b: SlotInfo) => b.savedAt - a.savedAt || a.id.localeCompare(b.id);

/** Slots kept in a Map: for tests and as the fallback when IndexedDB cannot be opened. */
export function memorySlots(): SlotStore {
  const data = new Map<string, { info: SlotInfo; bytes: Uint8Array }>();
  return {
    list: async () => [...data.values()].map((r) => r.info).sort(newestFirst),
    get: async (id) => data.get(id),
    put: async (info, bytes) => void data.set(info.id, { info: { ...info }, bytes: bytes.slice() }),
    delete: async (id) => void data.delete(id),
  };
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new Error(`IndexedDB: ${req.error?.message ?? 'request failed'}`));
  });
}

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(new Error(`IndexedDB: ${tx.error?.message ?? 'transaction failed'}`));
    tx.onabort = () => reject(new Error(`IndexedDB: ${tx.error?.message ?? 'transaction aborted (storage full?)'}`));
  });
}

/** Opens (creating on first use) the lab's checkpoint database. */
export async function openSlots(factory: IDBFactory, dbName = 'webgpu-llm-lab'): Promise<SlotStore> {
  const open = factory.open(dbName, 1);
  open.onupgradeneeded = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains(INFO)) db.createObjectStore(INFO, { keyPath: 'id' });
    if (!db.objectStoreNames.contains(BYTES)) db.createObjectStore(BYTES);
  };
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(new Error(`IndexedDB: ${open.error?.message ?? 'could not open the database'}`));
    // Another tab holding an older version open would leave us waiting forever: fail instead.
    open.onblocked = () => reject(new Error('IndexedDB: the database is held open by another tab of the lab'));
  });
  return {
    async list() {
      const all = await done(db.transaction(INFO, 'readonly').objectStore(INFO).getAll());
      return (all as SlotInfo[]).sort(newestFirst);
    },
    async get(id) {
      const tx = db.transaction([INFO, BYTES], 'readonly');
      const [info, bytes] = await Promise.all([done(tx.objectStore(INFO).get(id)), done(tx.objectStore(BYTES).get(id))]);
      if (!info || !bytes) return undefined;
      return { info: info as SlotInfo, bytes: new Uint8Array(bytes as ArrayBuffer) };
    },
    async put(info, bytes) {
      const tx = db.transaction([INFO, BYTES], 'readwrite');
      tx.objectStore(INFO).put(info);
      // An ArrayBuffer of exactly the bytes (a view may sit inside a larger buffer).
      tx.objectStore(BYTES).put(bytes.slice().buffer, info.id);
      await committed(tx);
    },
    async delete(id) {
      const tx = db.transaction([INFO, BYTES], 'readwrite');
      tx.objectStore(INFO).delete(id);
      tx.objectStore(BYTES).delete(id);
      await committed(tx);
    },
  };
}
