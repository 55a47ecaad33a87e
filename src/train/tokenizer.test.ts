import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/random.ts';
import { ENDOFTEXT, PAD, Tokenizer, preSplit } from './tokenizer.ts';
import { loadTokenizer, saveTokenizer, tokenizerToJSON } from './tokenizer-json.ts';
import { trainBPE } from './tokenizer-train.ts';

const CORPUS = [
  'the cat sat on the mat. the cat ate the rat, and the rat ran.',
  'There were 1234 cats and 56 rats in 2024! Weren\'t they? They\'re here; we\'ll see.',
  'naïve café — 東京 and 北京 are cities. 🙂🙃 emoji, too.',
].join('\n');

describe('pre-split', () => {
  it('splits like GPT-2: words keep their leading space, digits and punctuation separate', () => {
    expect(preSplit("Hello world, it's 2024!  ok")).toEqual(['Hello', ' world', ',', ' it', "'s", ' 2024', '!', ' ', ' ok']);
    // a run of newlines before a word leaves its last one as its own piece, as in GPT-2
    expect(preSplit('a\n\nb')).toEqual(['a', '\n', '\n', 'b']);
    expect(preSplit('a  \n')).toEqual(['a', '  \n']);
    expect(preSplit('')).toEqual([]);
  });
});

describe('BPE training', () => {
  const tok = trainBPE(CORPUS, { vocabSize: 300, minFrequency: 1 });

  it('learns the most frequent pair first, ties to the smaller ids', () => {
    // Count byte pairs inside pre-split words by brute force and compare with the first merge.
    const counts = new Map<string, number>();
    for (const w of preSplit(CORPUS)) {
      const b = new TextEncoder().encode(w);
      for (let i = 0; i + 1 < b.length; i++) counts.set(`${b[i]},${b[i + 1]}`, (counts.get(`${b[i]},${b[i + 1]}`) ?? 0) + 1);
    }
    const best = Math.max(...counts.values());
    const winners = [...counts].filter(([, c]) => c === best).map(([k]) => k.split(',').map(Number));
    winners.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    expect(tok.merges[0]).toEqual(winners[0]);
    // Tie rule on a tiny text: "ab" and "cd" both occur twice -> (a, b) first (smaller left id).
    const small = trainBPE('cd.ab.cd.ab', { vocabSize: 260 });
    expect(small.merges[0]).toEqual([97, 98]);
    expect(small.merges[1]).toEqual([99, 100]);
  });

  it('puts the specials at the last two ids and never merges across words', () => {
    expect(tok.vocabSize).toBe(300);
    expect(tok.endOfTextId).toBe(298);
    expect(tok.padId).toBe(299);
    for (let id = 256; id < 298; id++) {
      const t = tok.tokenText(id);
      // a token may start with one space, but never holds a space after a non-space
      expect(/\S\s/.test(t), `token ${id} ${JSON.stringify(t)}`).toBe(false);
    }
  });

  it('is deterministic', () => {
    expect(trainBPE(CORPUS, { vocabSize: 300, minFrequency: 1 }).merges).toEqual(tok.merges);
  });

  it('stops early when no pair is frequent enough, and says so through vocabSize', () => {
    const t = trainBPE('abcabc', { vocabSize: 1000 });
    // ab and bc occur twice (tie -> ab); then (ab, c) twice; then (abc, abc) only once: stop.
    expect(t.merges).toEqual([[97, 98], [256, 99]]);
    expect(t.vocabSize).toBe(260);
    expect(t.encode('abc')).toEqual([257]);
  });

  it('rejects a vocabulary too small for the bytes and specials', () => {
    expect(() => trainBPE('x', { vocabSize: 100 })).toThrow(/vocabSize must be an integer from 258/);
  });
});

describe('encode / decode', () => {
  const tok = trainBPE(CORPUS, { vocabSize: 320, minFrequency: 1 });

  it('round-trips any UTF-8 text exactly', () => {
    const texts = ['', ' ', 'the cat', '東京タワー', '👩‍👩‍👧 family ZWJ', 'e\u0301 combining', '\u0000\u0001\x7f', 'tabs\t\tand\r\nCRLF', ENDOFTEXT, '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', '\uFFFD\uFEFF'];
    for (const t of texts) expect(tok.decode(tok.encode(t))).toBe(t);
    // random code points from every plane (well-formed strings)
    const rand = mulberry32(7);
    for (let k = 0; k < 200; k++) {
      let s = '';
      for (let i = 0; i < 20; i++) {
        let cp = Math.floor(rand() * 0x110000);
        if (cp >= 0xd800 && cp < 0xe000) cp = 0x20;
        s += String.fromCodePoint(cp);
      }
      expect(tok.decode(tok.encode(s))).toBe(s);
    }
  });

  it('encodes a lone surrogate (no UTF-8 form) as U+FFFD', () => {
    expect(tok.decode(tok.encode('a\uD800b'))).toBe('a\uFFFDb');
  });

  it('uses the merges: a trained word is fewer tokens than its bytes', () => {
    const ids = tok.encode(' the cat');
    expect(ids.length).toBeLessThan(8);
    expect(tok.decodeBytes(ids)).toEqual(new TextEncoder().encode(' the cat'));
  });

  it('treats special strings as text unless allowSpecial', () => {
    const text = `hi${ENDOFTEXT}yo${PAD}`;
    const plain = tok.encode(text);
    expect(plain).not.toContain(tok.endOfTextId);
    expect(plain.length).toBeGreaterThan(4);
    const special = tok.encode(text, { allowSpecial: true });
    expect(special.filter((i) => i === tok.endOfTextId)).toHaveLength(1);
    expect(special[special.length - 1]).toBe(tok.padId);
    expect(special).toEqual([...tok.encode('hi'), tok.endOfTextId, ...tok.encode('yo'), tok.padId]);
    expect(tok.decode(special)).toBe(text);
  });

  it('streams text token by token without breaking characters', () => {
    const bytesOnly = new Tokenizer([]);
    const next = bytesOnly.streamDecoder();
    // 東 is three byte tokens: nothing shows until the last one arrives
    expect(bytesOnly.encode('a東b').map(next)).toEqual(['a', '', '', '東', 'b']);
    const all = tok.streamDecoder();
    expect(tok.encode('naïve 🙂 café').map(all).join('')).toBe('naïve 🙂 café');
  });

  it('throws on ids outside the vocabulary', () => {
    expect(() => tok.decode([5, 320])).toThrow(/token id 320 is outside the vocabulary \(0\.\.319\)/);
  });
});

describe('pieces', () => {
  const tok = trainBPE(CORPUS, { vocabSize: 320, minFrequency: 1 });

  it('gives byte spans that tile the UTF-8 text, and labels partial characters as bytes', () => {
    const text = 'the cat 東';
    const ps = tok.pieces(text);
    const bytes = new TextEncoder().encode(text);
    expect(ps[0].start).toBe(0);
    for (let i = 1; i < ps.length; i++) expect(ps[i].start).toBe(ps[i - 1].end);
    expect(ps[ps.length - 1].end).toBe(bytes.length);
    for (const p of ps) expect(Array.from(tok.bytesOf(p.id))).toEqual(Array.from(bytes.slice(p.start, p.end)));
    // 東 is E6 9D B1: byte-level tokens of it are not whole characters and show as bytes
    const bytesOnly = new Tokenizer([]);
    expect(bytesOnly.pieces(' 東').map((p) => p.text)).toEqual([' ', '<0xE6>', '<0x9D>', '<0xB1>']);
    const spaceLead = new Tokenizer([[32, 0xe6]]);
    expect(spaceLead.pieces(' 東é').map((p) => [p.text, p.start, p.end])).toEqual([[' <0xE6>', 0, 2], ['<0x9D>', 2, 3], ['<0xB1>', 3, 4], ['<0xC3>', 4, 5], ['<0xA9>', 5, 6]]);
    const whole = new Tokenizer([[0xe6, 0x9d], [256, 0xb1], [32, 257]]);
    expect(whole.pieces(' 東x').map((p) => p.text)).toEqual([' 東', 'x']);
  });
});

describe('JSON', () => {
  const tok = trainBPE(CORPUS, { vocabSize: 290, minFrequency: 1 });

  it('round-trips: same merges, same encoding', () => {
    const back = loadTokenizer(saveTokenizer(tok));
    expect(back.merges).toEqual(tok.merges);
    expect(back.vocabSize).toBe(290);
    expect(back.encode(CORPUS)).toEqual(tok.encode(CORPUS));
  });

  it('names what is wrong in a malformed file', () => {
    const good = tokenizerToJSON(tok);
    const bad = (patch: object) => JSON.stringify({ ...good, ...patch });
    expect(() => loadTokenizer('{oops', 'tok.json')).toThrow(/tokenizer tok.json: not valid JSON/);
    expect(() => loadTokenizer('[]')).toThrow(/expected a JSON object/);
    expect(() => loadTokenizer(bad({ format: 'x' }))).toThrow(/field "format" must be "webgpu-lab-bpe"/);
    expect(() => loadTokenizer(bad({ version: 2 }))).toThrow(/field "version" is 2; this lab reads version 1/);
    expect(() => loadTokenizer(bad({ merges: 'no' }))).toThrow(/field "merges" must be an array/);
    expect(() => loadTokenizer(bad({ merges: [[1, 2], [3]] }))).toThrow(/merges\[1\] must be a pair/);
    expect(() => loadTokenizer(bad({ merges: [[1, 2], [3, 257]] }))).toThrow(/merges\[1\]\[1\] is 257; it must be an integer id below 257/);
    expect(() => loadTokenizer(bad({ merges: [[1, 2], [1, 2]], vocabSize: 260 }))).toThrow(/merge 1 repeats the pair \(1, 2\)/);
    expect(() => loadTokenizer(bad({ vocabSize: 1024 }))).toThrow(/field "vocabSize" is 1024 but 32 merges give 290/);
    expect(() => loadTokenizer(bad({ specialTokens: { [ENDOFTEXT]: 0, [PAD]: 289 } }))).toThrow(/specialTokens\["<\|endoftext\|>"\] must be 288/);
  });
});
