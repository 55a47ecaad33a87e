import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../test/compare.ts';
import { getHarness } from '../../test/kernel-harness.ts';
import { layoutArena } from '../gpu/arena.ts';
import type { GPTConfig } from '../model/config.ts';
import { frozenFor } from '../model/finetune.ts';
import { initParams, unflatten } from '../model/flat.ts';
import type { LoraOptions } from '../model/lora.ts';
import { gptParamSpecs } from '../model/params.ts';
import { gptStepRef } from '../model/reference.ts';
import { loadCheckpoint, saveCheckpoint, type Checkpoint } from './checkpoint.ts';
import { precisionRecall } from './classmetrics.ts';
import { evaluateClassifier, toClassStepInput, trainClassifier } from './classtrain.ts';
import { checkpointFromModel, finetuneOptions, mergeLoraCheckpoint, modelFromCheckpoint, withNewTensors } from './model-io.ts';
import { classificationSource, formatClassSet, formatInstructionSet, instructionSource } from './sources.ts';
import { trainBPE } from './tokenizer-train.ts';
import { mulberry32 } from '../util/random.ts';

const TEXT = '### Instruction:\nName a pet.\n\n### Response:\nthe cat sat on the mat. buy cheap pills now! free money, click here. ';
const tok = trainBPE(TEXT.repeat(6), { vocabSize: 320 });
const cfg: GPTConfig = { nLayer: 2, nHead: 2, nEmbd: 16, blockSize: 32, vocabSize: tok.vocabSize, dropout: 0 };
const lora: LoraOptions = { rank: 2, alpha: 4, targets: ['attn.c_attn', 'mlp.c_fc'] };

function base(seed: number): Checkpoint {
  const layout = layoutArena('init', gptParamSpecs(cfg), 4);
  const views = unflatten(layout, initParams(layout, seed));
  return { config: cfg, tokenizer: tok, weights: new Map(layout.tensors.map((t) => [t.name, { shape: [...t.shape], data: views[t.name] }])) };
}

const spam = ['buy cheap pills now!', 'free money, click here.', 'click here for cheap pills', 'free pills, buy now'];
const ham = ['the cat sat on the mat.', 'the mat sat on the cat.', 'a cat on a mat', 'the cat sat.'];
const items = [...spam.map((text) => ({ text, label: 1 })), ...ham.map((text) => ({ text, label: 0 }))];

describe('finetuning through the engine', () => {
  it('an instruction batch with the prompt masked gives the CPU reference loss and gradients', async () => {
    const h = await getHarness();
    const T = cfg.blockSize;
    const { examples } = formatInstructionSet(tok, [{ instruction: 'Name a pet.', output: 'the cat' }, { instruction: 'Say it.', input: 'free money', output: 'free money, click here.' }], T, true);
    expect(examples).toHaveLength(2);
    const batch = instructionSource(examples, examples, 3, T, tok.padId).train(mulberry32(2));
    const counted = batch.mask.reduce((a, x) => a + x, 0);
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThan(batch.mask.length / 2); // most positions are prompt or padding
    const model = await modelFromCheckpoint(h.device, h.cache, base(1), { batchSize: 3, seqLen: T });
    const input = { tokens: batch.inputs, targets: batch.targets, weights: batch.mask };
    model.gradientStep(input);
    const params = unflatten(model.layout, Float64Array.from(await model.read('params')));
    const ref = gptStepRef(cfg, params, batch.inputs, batch.targets, batch.mask, 3, T);
    expect((await model.readLoss()).loss).toBeCloseTo(ref.loss, 5);
    const grads = unflatten(model.layout, await model.read('grads'));
    for (const t of model.layout.tensors) expectAllClose(`grad ${t.name}`, grads[t.name], ref.grads[t.name], [t.numel], { atol: 2e-5, rtol: 1e-3 });
    model.destroy();
  });

  it('a LoRA classifier trains, round-trips through a checkpoint, and exports merged with the same class logits', async () => {
    const h = await getHarness();
    const T = 16;
    const set = formatClassSet(tok, items, T);
    const src = classificationSource(set, set, set, 4, T, tok.padId, 3);
    const o = { nClasses: 2, lora };
    const start = withNewTensors(base(2), o, 9);
    const model = await modelFromCheckpoint(h.device, h.cache, start, { ...o, frozen: frozenFor('lora', cfg, o), batchSize: 4, seqLen: T });
    const before = await evaluateClassifier(model, src.validation());
    const evals: number[] = [];
    const logged: number[] = [];
    const settings = { steps: 29, schedule: { maxLr: 2e-2, minLr: 2e-3, warmupSteps: 2, totalSteps: 29 }, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0, logEvery: 10, evalEvery: 0, evalBatches: Infinity };
    const { steps: step, val } = await trainClassifier(model, src, settings, { onEval: (s) => evals.push(s), onMetric: (m) => logged.push(m.step) });
    expect(step).toBe(29);
    expect(logged).toEqual([10, 20, 29]);
    expect(evals).toEqual([...Array.from({ length: 14 }, (_, e) => 2 * (e + 1)), 29]); // each epoch's end (2 batches), and the last step
    const after = await evaluateClassifier(model, src.validation());
    expect(val).toEqual(after); // the last validation is of the final weights
    expect(after.examples).toBe(8);
    expect(after.loss).toBeLessThan(before.loss - 0.1);
    expect(after.confusion.flat().reduce((a, x) => a + x, 0)).toBe(8);
    const pr = precisionRecall(after.confusion);
    expect(pr[1].recall).toBeCloseTo(after.confusion[1][1] / 4, 10);

    const info = { stage: 'classify', finetune: { task: 'classify', classes: ['ham', 'spam'], choice: 'lora', lora } };
    const ck = loadCheckpoint(saveCheckpoint(await checkpointFromModel(model, tok, info, step)), 'cls.safetensors');
    expect(finetuneOptions(ck)).toEqual({ nClasses: 2, lora: { rank: 2, alpha: 4, targets: ['attn.c_attn', 'mlp.c_fc'] } });
    const again = await modelFromCheckpoint(h.device, h.cache, ck, { ...finetuneOptions(ck), batchSize: 4, seqLen: T });
    const merged = mergeLoraCheckpoint(ck);
    expect([...merged.weights.keys()].filter((k) => k.includes('lora'))).toEqual([]);
    const plain = await modelFromCheckpoint(h.device, h.cache, loadCheckpoint(saveCheckpoint(merged)), { nClasses: 2, batchSize: 4, seqLen: T });
    expect(plain.layout.tensors.some((t) => t.name.includes('lora'))).toBe(false);
    const b = [...src.validation()][0];
    const logits = async (m: typeof model) => {
      m.evalStep(toClassStepInput(b));
      return m.readClassLogits();
    };
    const want = await logits(model);
    expect(await logits(again)).toEqual(want); // bit-exact round trip
    expectAllClose('merged class logits', await logits(plain), want, [4, 2], { atol: 1e-5, rtol: 1e-4 });
    // Without alpha the LoRA weights cannot be scaled: refused, not guessed.
    expect(() => finetuneOptions({ ...ck, info: {} })).toThrow(/alpha/);
    for (const m of [model, again, plain]) m.destroy();
  });
});
