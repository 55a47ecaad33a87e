/**
 * The tokenizer's file format: a small versioned JSON document, validated on load so a damaged
 * or foreign file fails with an error naming the field that is wrong. No I/O: strings in, out.
 *
 *   { "format": "webgpu-lab-bpe", "version": 1, "vocabSize": V,
 *     "pattern": "gpt2", "specialTokens": { "<|endoftext|>": V-2, "<|pad|>": V-1 },
 *     "merges": [[a, b], ...] }     // merge r joins ids a and b into id 256 + r
 */
import { ENDOFTEXT, PAD, Tokenizer } from './tokenizer.ts';

export const TOKENIZER_FORMAT = 'webgpu-lab-bpe';
export const TOKENIZER_VERSION = 1;

/** The JSON shape of a saved tokenizer. */
export interface TokenizerJSON {
  format: typeof TOKENIZER_FORMAT;
  version: number;
  vocabSize: number;
  pattern: 'gpt2';
  specialTokens: Record<string, number>;
  merges: [number, number][];
}

/** The tokenizer as a plain object (JSON.stringify it to save). */
export function tokenizerToJSON(tok: Tokenizer): TokenizerJSON {
  return {
    format: TOKENIZER_FORMAT,
    version: TOKENIZER_VERSION,
    vocabSize: tok.vocabSize,
    pattern: 'gpt2',
    specialTokens: { [ENDOFTEXT]: tok.endOfTextId, [PAD]: tok.padId },
    merges: tok.merges.map(([a, b]) => [a, b]),
  };
}

/** The tokenizer as a JSON string. */
export function saveTokenizer(tok: Tokenizer): string {
  return JSON.stringify(tokenizerToJSON(tok));
}

/**
 * Rebuild a tokenizer from a JSON string or parsed object. `source` names the file in errors.
 * Throws `tokenizer <source>: <field> ...` on anything malformed.
 */
export function loadTokenizer(json: string | unknown, source = 'JSON'): Tokenizer {
  const fail = (msg: string): never => {
    throw new Error(`tokenizer ${source}: ${msg}`);
  };
  let doc: unknown = json;
  if (typeof json === 'string') {
    try {
      doc = JSON.parse(json);
    } catch (e) {
      fail(`not valid JSON (${(e as Error).message})`);
    }
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return fail('expected a JSON object at the top level');
  const d = doc as Record<string, unknown>;
  if (d.format !== TOKENIZER_FORMAT) fail(`field "format" must be "${TOKENIZER_FORMAT}", got ${JSON.stringify(d.format)}`);
  if (d.version !== TOKENIZER_VERSION) fail(`field "version" is ${JSON.stringify(d.version)}; this lab reads version ${TOKENIZER_VERSION}`);
  if (d.pattern !== 'gpt2') fail(`field "pattern" must be "gpt2", got ${JSON.stringify(d.pattern)}`);
  if (!Array.isArray(d.merges)) return fail('field "merges" must be an array of [a, b] id pairs');
  const merges = d.merges.map((m, r): [number, number] => {
    if (!Array.isArray(m) || m.length !== 2) return fail(`merges[${r}] must be a pair [a, b], got ${JSON.stringify(m)}`);
    m.forEach((x, j) => {
      if (!Number.isInteger(x) || x < 0 || x >= 256 + r) fail(`merges[${r}][${j}] is ${JSON.stringify(x)}; it must be an integer id below ${256 + r} (ids that exist before merge ${r})`);
    });
    return [m[0], m[1]];
  });
  let tok: Tokenizer;
  try {
    tok = new Tokenizer(merges);
  } catch (e) {
    return fail((e as Error).message);
  }
  if (d.vocabSize !== tok.vocabSize) fail(`field "vocabSize" is ${JSON.stringify(d.vocabSize)} but ${merges.length} merges give ${tok.vocabSize}`);
  const sp = d.specialTokens as Record<string, unknown> | undefined;
  if (typeof sp !== 'object' || sp === null) return fail('field "specialTokens" must be an object');
  if (sp[ENDOFTEXT] !== tok.endOfTextId) fail(`specialTokens["${ENDOFTEXT}"] must be ${tok.endOfTextId} (vocabSize - 2), got ${JSON.stringify(sp[ENDOFTEXT])}`);
  if (sp[PAD] !== tok.padId) fail(`specialTokens["${PAD}"] must be ${tok.padId} (vocabSize - 1), got ${JSON.stringify(sp[PAD])}`);
  return tok;
}
