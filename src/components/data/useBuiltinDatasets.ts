/**
 * Loads a built-in dataset (public/datasets/, fetched from this site: nothing comes from
 * elsewhere) the first time a viewer needs it, and shares it with every other viewer of that set.
 * A lesson embedding only the spam viewer never fetches the 6 MB corpus.
 */
import { useEffect, useState } from 'react';
import { loadBuiltin, type BuiltinKind, type BuiltinSet } from '../../data/builtin.ts';
import { fetchText } from '../../util/fetch.ts';

export type BuiltinState = { state: 'loading' } | { state: 'ready'; data: BuiltinSet } | { state: 'error'; message: string };

const cache = new Map<BuiltinKind, Promise<BuiltinSet>>();

/** One built-in set, loading on first use. */
export function useBuiltinDataset(kind: BuiltinKind): BuiltinState {
  const [st, setSt] = useState<{ kind: BuiltinKind; value: BuiltinState }>({ kind, value: { state: 'loading' } });
  useEffect(() => {
    let live = true;
    let p = cache.get(kind);
    if (!p) {
      p = loadBuiltin(kind, `${import.meta.env.BASE_URL}datasets/`, (url) => fetchText(url));
      cache.set(kind, p);
    }
    p.then(
      (data) => live && setSt({ kind, value: { state: 'ready', data } }),
      (e: unknown) => {
        cache.delete(kind); // let a later visit try again
        if (live) setSt({ kind, value: { state: 'error', message: e instanceof Error ? e.message : String(e) } });
      },
    );
    return () => {
      live = false;
    };
  }, [kind]);
  return st.kind === kind ? st.value : { state: 'loading' };
}
