/**
 * Offline readiness of the built site: registers the service worker that vite-plugin-pwa builds
 * (Workbox precaching the app, datasets and shipped checkpoints) and reports when it is active,
 * with how much its caches hold. Registered from the classroom page only, so the rest of the lab
 * (and its tests) run as before until a teacher opens it; the dev server has no worker at all.
 */
import { useEffect, useState } from 'react';

export type OfflineState =
  | { state: 'dev' }
  | { state: 'unsupported' }
  | { state: 'installing' }
  | { state: 'ready'; bytes: number; files: number }
  | { state: 'error'; message: string };

/** Bytes and entries in this origin's caches (content-length where the response has it, else its size). */
async function cachedBytes(): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const req of await cache.keys()) {
      const res = await cache.match(req);
      if (!res) continue;
      files++;
      const len = Number(res.headers.get('content-length'));
      bytes += len > 0 ? len : (await res.blob()).size;
    }
  }
  return { bytes, files };
}

/** Registers the service worker (once) and follows it to "ready offline"; `measure` adds up what its caches hold. */
export function useOffline(measure = true): OfflineState {
  const [st, setSt] = useState<OfflineState>(() =>
    import.meta.env.DEV ? { state: 'dev' } : typeof navigator !== 'undefined' && 'serviceWorker' in navigator ? { state: 'installing' } : { state: 'unsupported' });
  useEffect(() => {
    if (st.state !== 'installing') return;
    let live = true;
    const fail = (e: unknown) => live && setSt({ state: 'error', message: e instanceof Error ? e.message : String(e) });
    import('virtual:pwa-register')
      .then(({ registerSW }) => {
        void registerSW({ immediate: true, onRegisterError: fail });
        // An active worker has finished precaching: the site now opens without the network.
        return navigator.serviceWorker.ready;
      })
      .then(() => (measure ? cachedBytes() : { bytes: 0, files: 0 }))
      .then((c) => live && setSt({ state: 'ready', ...c }), fail);
    return () => void (live = false);
  }, [st.state, measure]);
  return st;
}
