/**
 * Reading a fetched body as a stream, with byte progress and an optional cut-off: the one way the
 * lab downloads its data, checkpoints and corpus samples (the worker and the page alike). Owns no
 * URLs and no error wording beyond the HTTP status.
 */

/**
 * The bytes of a response body, read chunk by chunk; `onBytes(done, total)` after each chunk
 * (total from content-length, at least done). With `limit`, reading stops once that many bytes are
 * in (the rest is cancelled) and at most `limit` bytes are returned.
 */
export async function readBody(r: Response, onBytes: (done: number, total: number) => void = () => {}, limit = Infinity): Promise<Uint8Array> {
  if (!r.body) return new Uint8Array(await r.arrayBuffer()).slice(0, limit);
  const total = Number(r.headers.get('content-length') ?? 0);
  const reader = r.body.getReader();
  const parts: Uint8Array[] = [];
  let n = 0;
  while (n < limit) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    n += value.length;
    onBytes(n, Math.max(total, n));
  }
  if (n >= limit) void reader.cancel();
  const all = new Uint8Array(n);
  parts.reduce((o, p) => (all.set(p, o), o + p.length), 0);
  return n > limit ? all.subarray(0, limit) : all;
}

/** Fetches `url` and reads its body as UTF-8 text (see readBody); throws naming the URL on an HTTP error. */
export async function fetchText(url: string, onBytes?: (done: number, total: number) => void, limit?: number): Promise<string> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`could not fetch ${url}: HTTP ${r.status} ${r.statusText}`);
  return new TextDecoder().decode(await readBody(r, onBytes, limit));
}
