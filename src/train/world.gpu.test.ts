// The made-up world on Dawn with the shipped test-preset models and tokenizer: the probe's
// log-likelihoods against log-softmax read off full forward passes, and lesson 3's three world
// rows from scoreInstructions, their confidence against an independent full-recomputation generate().
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getHarness } from '../../test/kernel-harness.ts';
import { parseBuiltinInstruct } from '../data/builtin.ts';
import { worldRows } from '../data/scorers.ts';
import { attributeValues, groupOfTask, parseWorld, WORLD_GROUPS } from '../data/world.ts';
import { loadCheckpoint } from './checkpoint.ts';
import { generate } from './generate.ts';
import { modelFromCheckpoint } from './model-io.ts';
import { formatPrompt } from './prompt.ts';
import { PROBE_BATCH, probeFacts, probeItems, probeLength, probeModel, probeRows, rowLogLiks } from './probe.ts';
import { scoreInstructions } from './score.ts';

const load = (f: string) => loadCheckpoint(new Uint8Array(readFileSync(`public/models/${f}`)), f);
const world = parseWorld('world.jsonl', readFileSync('public/datasets/world.jsonl', 'utf8'));
if (!world.ok) throw new Error('world.jsonl does not parse');
const people = world.value;
const values = attributeValues(people);

function logSoftmaxAt(row: Float32Array, token: number): number {
  let max = -Infinity;
  for (const x of row) max = Math.max(max, x);
  let sum = 0;
  for (const x of row) sum += Math.exp(x - max);
  return row[token] - max - Math.log(sum);
}

describe('the facts probe (shipped base-test)', () => {
  it('scores each candidate by the log-probability of its tokens after the cue, as full forward passes give it', async () => {
    const h = await getHarness();
    const ck = load('base-test.safetensors');
    const tok = ck.tokenizer;
    const items = probeItems(people, values, 1, ['town', 'food']);
    const rows = items.flatMap((it) => probeRows(tok, it));
    const len = probeLength(tok, items);
    const full = await modelFromCheckpoint(h.device, h.cache, ck, { batchSize: 1, seqLen: ck.config.blockSize });
    const probe = await probeModel(h.device, h.cache, ck.config, len, await full.read('params'));
    expect(probe.B).toBe(PROBE_BATCH);
    const got = await rowLogLiks(probe, tok.padId, rows);
    // Independent: one row at a time, the whole context, log-softmax of the logits on the CPU.
    const V = ck.config.vocabSize;
    const T = ck.config.blockSize;
    for (const [i, r] of rows.entries()) {
      if (i % 5 !== 0) continue; // every fifth row: enough to catch an off-by-one, cheap on SwiftShader
      const input = new Int32Array(T).fill(tok.padId);
      input.set(r.ids);
      full.evalStep({ tokens: input, targets: input });
      const logits = await full.read({ act: 'logits' });
      let want = 0;
      for (let t = r.from; t < r.ids.length; t++) want += logSoftmaxAt(logits.subarray((t - 1) * V, t * V), r.ids[t]);
      expect(got[i], `row ${i}`).toBeCloseTo(want, 3);
    }
    const result = await probeFacts(probe, tok, items);
    expect(result.known.total).toBe(2);
    expect(result.unknown.total).toBe(2);
    expect(result.known.known + result.unknown.known).toBeLessThanOrEqual(4);
    full.destroy();
    probe.destroy();
  });
});

describe('the world rows of lesson 3 (shipped instruct-test)', () => {
  it('come out as three rows with their counts, format, exact and the confidence generate() gives', async () => {
    const h = await getHarness();
    const ck = load('instruct-test.safetensors');
    const tok = ck.tokenizer;
    const all = parseBuiltinInstruct('instruct.jsonl', readFileSync('public/datasets/instruct.jsonl', 'utf8'));
    if (!all.ok) throw new Error('instruct.jsonl does not parse');
    const records = WORLD_GROUPS.flatMap((g) => all.value.filter((r) => r.split === 'test' && groupOfTask(r.task) === g).slice(0, 2));
    const model = await modelFromCheckpoint(h.device, h.cache, ck, { batchSize: 1, seqLen: ck.config.blockSize });
    const maxTokens = 6;
    const s = await scoreInstructions(model, tok, records, { maxTokens, seed: 1 });
    const rows = worldRows(s.families);
    expect(rows.map((r) => [r.group, r.n])).toEqual([['sft', 2], ['held-out', 2], ['unknown', 2]]);
    for (const r of rows) {
      for (const x of [r.format, r.exact]) expect([0, 0.5, 1]).toContain(x);
      expect(r.confidence).toBeGreaterThan(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
    }
    // Confidence: the product of the probabilities of the response's tokens before end-of-text,
    // the response cut where a template header appears (as scoring stops there).
    const conf: number[] = [];
    for (const r of records) {
      const g = await generate(model, tok, tok.encode(formatPrompt(r)), { maxTokens, seed: 1, temperature: 0 });
      let p = 1;
      const ids: number[] = [];
      for (const t of g) {
        ids.push(t.token);
        if (t.token !== tok.endOfTextId) p *= t.prob;
        if (/### (Instruction|Input|Response):/.test(tok.decode(ids))) break;
      }
      conf.push(p);
    }
    rows.forEach((r, k) => expect(r.confidence).toBeCloseTo((conf[2 * k] + conf[2 * k + 1]) / 2, 4));
    model.destroy();
  });
});
