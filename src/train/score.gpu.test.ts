// Scoring on Dawn with the test preset's shape: scoreInstructions against an independent
// full-recomputation generate() per record, graded by hand with the same rules; the prompted spam
// baseline against whole-word log-probabilities read from full forward passes.
import { describe, expect, it } from 'vitest';
import { getHarness } from '../../test/kernel-harness.ts';
import { scoreAnswer } from '../data/scorers.ts';
import type { InstructRecord } from '../data/types.ts';
import { PRESETS, type GPTConfig } from '../model/config.ts';
import { KVDecoder } from '../model/decoder.ts';
import { initParams, unflatten } from '../model/flat.ts';
import { GPUModel } from '../model/gpt.ts';
import { generate } from './generate.ts';
import { formatPrompt } from './prompt.ts';
import { answerPart, followsFormat, PROMPTED_ANSWERS, PROMPTED_QUESTION, promptedIds, promptedSpamBaseline, scoreInstructions, type FormatRule } from './score.ts';
import { trainBPE } from './tokenizer-train.ts';

const records: InstructRecord[] = [
  { task: 'antonym', instruction: 'Give the opposite of "hot".', output: 'cold' },
  { task: 'first_word', instruction: 'First word?', input: 'The dog ran.', output: 'The' },
  { task: 'antonym', instruction: 'Give the opposite of "up".', output: 'down' },
  { task: 'define', instruction: 'Define "cat".', output: 'a small pet' },
  { task: 'first_word', instruction: 'First word?', input: 'A cat sat.', output: 'A' },
  { task: 'define', instruction: 'Define "dog".', output: 'a loyal pet' },
];
const TEXT = records.map((r) => formatPrompt(r) + r.output).join('\n') + ' buy cheap pills now. the meeting is at noon.' + PROMPTED_QUESTION + PROMPTED_ANSWERS.join('');
const tok = trainBPE(TEXT.repeat(4), { vocabSize: 300 });
const cfg: GPTConfig = { ...PRESETS.find((p) => p.id === 'test')!.config, vocabSize: tok.vocabSize };

/**
 * A random model whose end-of-text is likely but not certain: ln_f's bias points along the
 * end-of-text embedding, so sampled responses end early, late or not at all within the limit.
 */
async function biasedModel(bias: number) {
  const h = await getHarness();
  const model = await GPUModel.create(h.device, h.cache, cfg, { batchSize: 1, seqLen: cfg.blockSize });
  const flat = initParams(model.layout, 5).map((x) => (x === 1 ? 1 : x * 8));
  const p = unflatten(model.layout, flat);
  const C = cfg.nEmbd;
  const eot = p['wte.weight'].subarray(tok.endOfTextId * C, (tok.endOfTextId + 1) * C);
  for (let i = 0; i < C; i++) p['ln_f.bias'][i] = bias * eot[i];
  model.setParams(flat);
  return model;
}

describe('scoreInstructions', () => {
  it('counts format and family scores exactly as generate() + followsFormat + scoreAnswer give them', async () => {
    const model = await biasedModel(9);
    const opts = { maxTokens: 5, seed: 40, temperature: 1 };
    const progress: number[] = [];
    const s = await scoreInstructions(model, tok, records, { ...opts, examples: 3, onProgress: (d, n) => progress.push(d / n) });

    const failures: Record<FormatRule, number> = { empty: 0, 'new-instruction': 0, 'no-end': 0 };
    const right: Record<string, number> = {};
    const famFollowed: Record<string, number> = {};
    const famConf: Record<string, number> = {};
    const responses: string[] = [];
    let followed = 0;
    for (const [i, r] of records.entries()) {
      const g = await generate(model, tok, tok.encode(formatPrompt(r)), { ...opts, seed: opts.seed + i });
      const ended = g.at(-1)!.token === tok.endOfTextId;
      const text = tok.decode(g.filter((t) => t.token !== tok.endOfTextId).map((t) => t.token));
      responses.push(text);
      const c = followsFormat(text, ended);
      if (c.followed) followed++;
      else failures[c.reason!]++;
      right[r.task!] = (right[r.task!] ?? 0) + (scoreAnswer(r, answerPart(text)) ? 1 : 0);
      famFollowed[r.task!] = (famFollowed[r.task!] ?? 0) + (c.followed ? 1 : 0);
      // Confidence: the probability of the response's tokens before the end-of-text (random weights write no header).
      famConf[r.task!] = (famConf[r.task!] ?? 0) + g.filter((t) => t.token !== tok.endOfTextId).reduce((p, t) => p * t.prob, 1) / 2;
    }
    expect(s.n).toBe(6);
    expect(s.formatAdherence).toBeCloseTo(followed / 6, 12);
    expect(s.failures).toEqual(failures);
    const fam = (family: string) => ({ family, correct: right[family], total: 2, followed: famFollowed[family], confidence: expect.closeTo(famConf[family], 6) });
    expect(s.families).toEqual([fam('antonym'), fam('first_word'), fam('define')]);
    expect(s.examples.map((e) => e.response)).toEqual(responses.slice(0, 3));
    expect(s.examples[1]).toMatchObject({ family: 'first_word', instruction: 'First word?', input: 'The dog ran.', reference: 'The' });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6].map((d) => d / 6));
    // The bias makes a followed response, an empty one and one without an end all happen here, so
    // those counters were exercised (a new instruction is left to the unit tests: random weights never write one).
    expect(followed).toBeGreaterThan(0);
    expect(failures.empty).toBeGreaterThan(0);
    expect(failures['no-end']).toBeGreaterThan(0);
    expect(s.truncatedPrompts).toBe(records.filter((r) => tok.encode(formatPrompt(r)).length > cfg.blockSize).length);
    model.destroy();
  });

  it('grades the answer: references set to what the model says score full marks, others none', async () => {
    const model = await biasedModel(6);
    const dec = await KVDecoder.create(model);
    const opts = { maxTokens: 5, seed: 7, temperature: 1, examples: 6 };
    const first = await scoreInstructions(dec, tok, records, opts);
    // Exact-match families (define, first_word after normalising), so the answer part itself is right.
    const echo = records.map((r, i) => ({ ...r, task: 'define', output: answerPart(first.examples[i].response) }));
    const wrong = records.map((r) => ({ ...r, task: 'define', output: 'zzzz qqqq' }));
    expect((await scoreInstructions(dec, tok, echo, opts)).families).toEqual([expect.objectContaining({ family: 'define', correct: 6, total: 6 })]);
    expect((await scoreInstructions(dec, tok, wrong, opts)).families).toEqual([expect.objectContaining({ family: 'define', correct: 0, total: 6 })]);
    // A stop request ends early and scores what was done.
    let calls = 0;
    const part = await scoreInstructions(dec, tok, records, { ...opts, shouldStop: () => calls++ >= 2 });
    expect(part.n).toBe(2);
    expect(part.families.reduce((s, f) => s + f.total, 0)).toBe(2);
    dec.destroy();
    model.destroy();
  });
});

describe('promptedSpamBaseline', () => {
  it('picks the answer word with the larger whole-word probability, as full forward passes compute it', async () => {
    const model = await biasedModel(0);
    const dec = await KVDecoder.create(model);
    const items = [
      { text: 'buy cheap pills now', label: 1 },
      { text: 'the meeting is at noon', label: 0 },
      { text: 'buy now. the meeting is at noon. buy cheap pills now. the meeting is at noon.', label: 1 },
      { text: 'noon pills', label: 0 },
    ];
    const r = await promptedSpamBaseline(dec, tok, items);

    const answers = PROMPTED_ANSWERS.map((w) => tok.encode(w));
    const room = cfg.blockSize - Math.max(...answers.map((a) => a.length)) + 1;
    const V = cfg.vocabSize;
    const input = new Int32Array(cfg.blockSize);
    const confusion = [[0, 0], [0, 0]];
    const meanSpam: number[] = [];
    let truncated = 0;
    for (const it of items) {
      const p = promptedIds(tok, it.text, PROMPTED_QUESTION, room);
      if (p.truncated) truncated++;
      const lp: number[] = [];
      for (const a of answers) {
        const ids = [...p.ids, ...a];
        input.fill(tok.padId);
        input.set(ids.slice(0, cfg.blockSize));
        model.evalStep({ tokens: input, targets: input });
        const logits = await model.read({ act: 'logits' });
        let sum = 0;
        for (let j = 0; j < a.length; j++) {
          const row = logits.subarray((p.ids.length - 1 + j) * V, (p.ids.length + j) * V);
          const m = Math.max(...row);
          sum += row[a[j]] - m - Math.log(row.reduce((s, x) => s + Math.exp(x - m), 0));
        }
        lp.push(sum);
      }
      confusion[it.label][lp[1] > lp[0] ? 1 : 0]++;
      meanSpam.push(1 / (1 + Math.exp(lp[0] - lp[1])));
    }
    expect(r.n).toBe(4);
    expect(r.classes).toEqual(['ham', 'spam']);
    expect(r.confusion).toEqual(confusion);
    expect(r.accuracy).toBeCloseTo((confusion[0][0] + confusion[1][1]) / 4, 12);
    expect(r.meanAnswerProb[1]).toBeCloseTo(meanSpam.reduce((s, x) => s + x, 0) / 4, 4);
    expect(r.meanAnswerProb[0] + r.meanAnswerProb[1]).toBeCloseTo(1, 6);
    expect(r.truncated).toBe(truncated);
    expect(truncated).toBeGreaterThan(0); // the 32-token context cuts messages to keep the question
    dec.destroy();
    model.destroy();
  });
});
