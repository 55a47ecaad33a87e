/**
 * The lab's tokenizer (public/models/tokenizer.json, 7 KB) fetched relative to a page base and
 * parsed once per base: one loader for the engine worker and for pages that tokenize on the main
 * thread (lessons 1 and 3, the stages overview). A failed load is retried on the next call.
 */
import { fetchText } from '../util/fetch.ts';
import type { Tokenizer } from './tokenizer.ts';
import { loadTokenizer } from './tokenizer-json.ts';

export const LAB_TOKENIZER_PATH = 'models/tokenizer.json';

const loaded = new Map<string, Promise<Tokenizer>>();

/** The lab's tokenizer under `baseUrl` (an absolute URL of the page or site root). */
export function loadLabTokenizer(baseUrl: string): Promise<Tokenizer> {
  const url = new URL(LAB_TOKENIZER_PATH, baseUrl).href;
  let p = loaded.get(url);
  if (!p) {
    p = fetchText(url)
      .then((json) => loadTokenizer(json, LAB_TOKENIZER_PATH))
      .catch((e) => {
        loaded.delete(url);
        throw e;
      });
    loaded.set(url, p);
  }
  return p;
}
