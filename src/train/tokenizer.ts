/**
 * Byte-level BPE tokenizer: encode text to token ids, decode ids to text, and show how a text
 * splits into tokens (pieces with UTF-8 byte spans). Training lives in tokenizer-train.ts and the
 * JSON file format in tokenizer-json.ts. No GPU, no UI, no I/O.
 *
 * Vocabulary layout (V = vocabSize):
 *   ids 0..255          one token per byte value (so ANY UTF-8 text round-trips exactly)
 *   ids 256..V-3        merges, in the order training learned them (merge r makes id 256 + r)
 *   id  V-2             <|endoftext|>  (ENDOFTEXT: ends a document or a response)
 *   id  V-1             <|pad|>        (PAD: fills batches; never a target that counts)
 *
 * Text is first pre-split like GPT-2 (a word with its leading space, a run of digits, a run of
 * punctuation, whitespace), then each piece is BPE-encoded on its own, so no token crosses a word
 * boundary. Special-token strings in the text are plain text unless `allowSpecial` is passed.
 */

/** The two special tokens; their ids are always the last two of the vocabulary. */
export const ENDOFTEXT = '<|endoftext|>';
export const PAD = '<|pad|>';

/**
 * GPT-2's pre-split pattern: English contractions, letters with an optional leading space, digits
 * with an optional leading space, other symbols likewise, then whitespace (a trailing run of spaces
 * leaves its last space to the next word, which is what `\s+(?!\S)` does).
 */
export const SPLIT_PATTERN = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

/** Special-token strings as they appear in text (datasets separate documents with <|endoftext|>). */
export const SPECIAL_PATTERN = /<\|endoftext\|>|<\|pad\|>/g;

/** Ids must fit below this so a pair (a, b) packs into one number key: a * PAIR_BASE + b. */
export const PAIR_BASE = 1 << 20;

const utf8 = new TextEncoder();

/** Pre-split text into the pieces BPE works on; the pieces concatenate back to `text`. */
export function preSplit(text: string): string[] {
  return text.match(SPLIT_PATTERN) ?? [];
}

/** Length of the valid UTF-8 character starting at bytes[i], or 0 if none starts there. */
function utf8Length(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
  if (n === 0 || i + n > bytes.length) return 0;
  for (let k = 1; k < n; k++) if ((bytes[i + k] & 0xc0) !== 0x80) return 0;
  // overlong 3/4-byte forms, UTF-16 surrogates and code points past U+10FFFF are not valid UTF-8
  const c = bytes[i + 1];
  if ((b === 0xe0 && c < 0xa0) || (b === 0xed && c >= 0xa0) || (b === 0xf0 && c < 0x90) || (b === 0xf4 && c >= 0x90)) return 0;
  return n;
}

/** One token of a text, for display: its id, its bytes' place in the UTF-8 text, and a label. */
export interface TokenPiece {
  id: number;
  /** byte offset of the token's first byte in the UTF-8 encoding of the text */
  start: number;
  /** byte offset one past its last byte */
  end: number;
  /** the token as text; bytes that are not whole UTF-8 characters show as <0xNN> */
  text: string;
}

/** Options for encoding. */
export interface EncodeOptions {
  /** turn <|endoftext|> and <|pad|> in the text into their ids (default: encode them as plain text) */
  allowSpecial?: boolean;
}

/** A trained byte-level BPE vocabulary. Build one with trainBPE() or tokenizerFromJSON(). */
export class Tokenizer {
  /** merges[r] = [a, b]: the r-th merge joins tokens a and b into token 256 + r */
  readonly merges: ReadonlyArray<readonly [number, number]>;
  /** tokens in the vocabulary, specials included (the model's V) */
  readonly vocabSize: number;
  readonly endOfTextId: number;
  readonly padId: number;
  /** bytes of every non-special token: (vocabSize - 2) entries */
  private readonly tokenBytes: Uint8Array[];
  /** pair key -> merge rank */
  private readonly ranks = new Map<number, number>();
  /** pre-split piece -> its ids (encoding repeats the same words over and over) */
  private readonly cache = new Map<string, number[]>();

  constructor(merges: ReadonlyArray<readonly [number, number]>) {
    this.merges = merges.map(([a, b]) => [a, b] as const);
    this.tokenBytes = [];
    for (let i = 0; i < 256; i++) this.tokenBytes.push(Uint8Array.of(i));
    this.merges.forEach(([a, b], r) => {
      const n = 256 + r;
      if (!(a >= 0 && a < n && b >= 0 && b < n)) throw new Error(`merge ${r} joins ${a} and ${b}, but only ids below ${n} exist at that point`);
      const key = a * PAIR_BASE + b;
      if (this.ranks.has(key)) throw new Error(`merge ${r} repeats the pair (${a}, ${b}) of merge ${this.ranks.get(key)}`);
      this.ranks.set(key, r);
      const joined = new Uint8Array(this.tokenBytes[a].length + this.tokenBytes[b].length);
      joined.set(this.tokenBytes[a]);
      joined.set(this.tokenBytes[b], this.tokenBytes[a].length);
      this.tokenBytes.push(joined);
    });
    this.endOfTextId = 256 + this.merges.length;
    this.padId = this.endOfTextId + 1;
    this.vocabSize = this.padId + 1;
    if (this.vocabSize > PAIR_BASE) throw new Error(`vocabulary of ${this.vocabSize} tokens is larger than the ${PAIR_BASE} supported`);
  }

  /**
   * Token ids of `text`. Exact round trip for every well-formed string; a lone UTF-16 surrogate
   * (not valid Unicode, so it has no UTF-8 form) is encoded as U+FFFD, as TextEncoder does.
   */
  encode(text: string, opts: EncodeOptions = {}): number[] {
    const out: number[] = [];
    for (const [part, special] of this.splitSpecial(text, opts.allowSpecial ?? false)) {
      if (special !== undefined) out.push(special);
      else for (const word of preSplit(part)) for (const id of this.wordIds(word)) out.push(id);
    }
    return out;
  }

  /** The UTF-8 bytes that `ids` stand for (specials give their own text). */
  decodeBytes(ids: ArrayLike<number>): Uint8Array {
    let n = 0;
    for (let i = 0; i < ids.length; i++) n += this.bytesOf(ids[i]).length;
    const out = new Uint8Array(n);
    let o = 0;
    for (let i = 0; i < ids.length; i++) {
      const b = this.bytesOf(ids[i]);
      out.set(b, o);
      o += b.length;
    }
    return out;
  }

  /**
   * Text of `ids`. Bytes are joined first and decoded once, so a character split across tokens
   * comes out whole; an incomplete character (e.g. a cut-off sample) shows as U+FFFD.
   */
  decode(ids: ArrayLike<number>): string {
    return new TextDecoder().decode(this.decodeBytes(ids));
  }

  /**
   * A decoder for tokens arriving one at a time (sampling): each call returns the new text, holding
   * back the bytes of a character that is not complete yet instead of showing U+FFFD.
   */
  streamDecoder(): (id: number) => string {
    const dec = new TextDecoder();
    return (id) => dec.decode(this.bytesOf(id), { stream: true });
  }

  /** How `text` splits into tokens, with each token's byte span, for the lab to display. */
  pieces(text: string, opts: EncodeOptions = {}): TokenPiece[] {
    const out: TokenPiece[] = [];
    let pos = 0;
    for (const id of this.encode(text, opts)) {
      const len = this.bytesOf(id).length;
      out.push({ id, start: pos, end: pos + len, text: this.tokenText(id) });
      pos += len;
    }
    return out;
  }

  /** A token as text; bytes that are not part of a whole UTF-8 character show as <0xNN>. */
  tokenText(id: number): string {
    const bytes = this.bytesOf(id);
    let s = '';
    for (let i = 0; i < bytes.length; ) {
      const n = utf8Length(bytes, i);
      if (n > 0) {
        s += new TextDecoder().decode(bytes.subarray(i, i + n));
        i += n;
      } else s += `<0x${bytes[i++].toString(16).toUpperCase().padStart(2, '0')}>`;
    }
    return s;
  }

  /** UTF-8 bytes of one token. Throws on an id outside the vocabulary. */
  bytesOf(id: number): Uint8Array {
    if (id === this.endOfTextId) return utf8.encode(ENDOFTEXT);
    if (id === this.padId) return utf8.encode(PAD);
    const b = this.tokenBytes[id];
    if (b === undefined) throw new Error(`token id ${id} is outside the vocabulary (0..${this.vocabSize - 1})`);
    return b;
  }

  /** BPE of one pre-split piece (a fresh array the caller may keep). */
  encodeWord(word: string): number[] {
    return this.wordIds(word).slice();
  }

  /** BPE of one piece, cached: merge the lowest-ranked adjacent pair until none is left. */
  private wordIds(word: string): readonly number[] {
    const hit = this.cache.get(word);
    if (hit) return hit;
    const ids = Array.from(utf8.encode(word));
    for (;;) {
      let best = -1;
      let bestRank = Infinity;
      for (let i = 0; i + 1 < ids.length; i++) {
        const r = this.ranks.get(ids[i] * PAIR_BASE + ids[i + 1]);
        if (r !== undefined && r < bestRank) {
          bestRank = r;
          best = i;
        }
      }
      if (best < 0) break;
      const [a, b] = this.merges[bestRank];
      let w = 0;
      for (let i = 0; i < ids.length; i++) {
        if (i + 1 < ids.length && ids[i] === a && ids[i + 1] === b) {
          ids[w++] = 256 + bestRank;
          i++;
        } else ids[w++] = ids[i];
      }
      ids.length = w;
    }
    // Bound the cache: a few MB of text has tens of thousands of distinct words, random input far more.
    if (this.cache.size < 200_000) this.cache.set(word, ids);
    return ids;
  }

  /** Cut text at special-token strings when allowed: [plain text, undefined] or ['', special id]. */
  private *splitSpecial(text: string, allow: boolean): Generator<[string, number | undefined]> {
    if (!allow) {
      yield [text, undefined];
      return;
    }
    let last = 0;
    for (const m of text.matchAll(SPECIAL_PATTERN)) {
      if (m.index > last) yield [text.slice(last, m.index), undefined];
      yield ['', m[0] === ENDOFTEXT ? this.endOfTextId : this.padId];
      last = m.index + m[0].length;
    }
    if (last < text.length) yield [text.slice(last), undefined];
  }
}
