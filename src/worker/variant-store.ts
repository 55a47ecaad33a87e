/**
 * Where the measured matmul choice is kept between visits (src/kernels/variants.ts VariantCache):
 * a small IndexedDB database of its own, so a real GPU is timed once per adapter and shape set
 * rather than at every page load, and the checkpoint store's schema is left alone. Falls back to
 * memory when IndexedDB cannot be opened (private windows, tests). Holds nothing else.
 */
import { MemoryVariantCache, type VariantCache } from '../kernels/variants.ts';

const STORE = 'choices';

const request = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });

/** The cache in IndexedDB `dbName`, or in memory when that cannot be opened. */
export async function openVariantCache(factory: IDBFactory | undefined, dbName = 'webgpu-llm-lab-kernels'): Promise<VariantCache> {
  if (!factory) return new MemoryVariantCache();
  try {
    const open = factory.open(dbName, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    const db = await request(open);
    return {
      get: async (key) => (await request(db.transaction(STORE, 'readonly').objectStore(STORE).get(key))) as string | undefined,
      set: async (key, value) => void (await request(db.transaction(STORE, 'readwrite').objectStore(STORE).put(value, key))),
    };
  } catch {
    return new MemoryVariantCache();
  }
}
