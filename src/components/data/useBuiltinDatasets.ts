/**
 * Loads the built-in datasets once per page visit (public/datasets/, fetched from this site:
 * nothing comes from elsewhere) and shares them between every viewer on the page.
 */
import { useEffect, useState } from 'react';
import { loadBuiltin, type BuiltinDatasets } from '../../data/builtin.ts';

export type BuiltinState = { state: 'loading' } | { state: 'ready'; data: BuiltinDatasets } | { state: 'error'; message: string };

let cache: Promise<BuiltinDatasets> | null = null;

async function fetchText(url: string): Promise<string> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return r.text();
}

/** The built-in datasets, loading on first use. */
export function useBuiltinDatasets(): BuiltinState {
  const [st, setSt] = useState<BuiltinState>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    cache ??= loadBuiltin(`${import.meta.env.BASE_URL}datasets/`, fetchText);
    cache.then(
      (data) => live && setSt({ state: 'ready', data }),
      (e: unknown) => {
        cache = null; // let a later visit try again
        if (live) setSt({ state: 'error', message: e instanceof Error ? e.message : String(e) });
      },
    );
    return () => {
      live = false;
    };
  }, []);
  return st;
}
